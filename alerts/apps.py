from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Job alerts")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from offers.models import OfferPage

        from .signals import offer_published

        page_published.connect(
            offer_published, sender=OfferPage, dispatch_uid="alerts_offer_published"
        )
