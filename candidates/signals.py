"""Reactions to account events."""

from allauth.account.signals import password_reset
from django.dispatch import receiver

from .lockout import unlock_account


@receiver(password_reset)
def unlock_after_password_reset(sender, request, user, **kwargs) -> None:
    """Whoever could reset the password owns the mailbox: the lock-out ends."""
    unlock_account(user)
