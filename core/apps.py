from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared plumbing that is not about pages (the outbox of e-mails); the lowest
    layer: it imports from no other app of the project."""

    name = "core"
    verbose_name = _("Core")
