from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self) -> None:
        # The cached list of sites is forgotten when a site changes, in every
        # process (a command too), not only those that served a page.
        from django.db.models.signals import post_delete
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import routing  # noqa: F401
        from .models import forget_footer_links

        # The footer links show pages' titles and addresses.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_footer_links, dispatch_uid="home.footer_links")
        for model in get_page_models():
            post_delete.connect(
                forget_footer_links, sender=model, dispatch_uid="home.footer_links"
            )
