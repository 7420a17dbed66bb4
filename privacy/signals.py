"""Reactions to account events."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .retention import clear_inactivity_warning


@receiver(user_logged_in)
def keep_account_of_returning_user(sender, request, user, **kwargs) -> None:
    """A log-in cancels the erasure announced for inactivity."""
    clear_inactivity_warning(user)
