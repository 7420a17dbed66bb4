"""Fixed lists of the alerts app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as an offer is published")
    DAILY = "daily", _("Once a day, in a digest")
    WEEKLY = "weekly", _("Once a week, in a digest")
