from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offers")

    def ready(self) -> None:
        from django.conf import settings
        from wagtail.signals import page_published, page_unpublished

        from .models import OfferPage, purge_listing_from_frontend_cache

        if settings.WAGTAILFRONTENDCACHE:
            for signal in (page_published, page_unpublished):
                signal.connect(
                    purge_listing_from_frontend_cache,
                    sender=OfferPage,
                    dispatch_uid="offers.frontend_cache",
                )
