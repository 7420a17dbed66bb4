from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self) -> None:
        # The cached list of sites is forgotten when a site changes, in every
        # process (a command too), not only those that served a page.
        from . import routing  # noqa: F401
