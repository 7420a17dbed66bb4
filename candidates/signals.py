"""Reactions to account events."""

from allauth.account.signals import password_reset
from django.db.models.signals import post_delete
from django.dispatch import receiver

from home.storage import schedule_deletion

from .lockout import unlock_account
from .models import Document


@receiver(password_reset)
def unlock_after_password_reset(sender, request, user, **kwargs) -> None:
    """Whoever could reset the password owns the mailbox: the lock-out ends."""
    unlock_account(user)


@receiver(post_delete, sender=Document)
def delete_stored_document(sender, instance: Document, **kwargs) -> None:
    """However a document goes (by itself, with its owner, by an erasure), its
    file goes once the transaction commits."""
    schedule_deletion(instance.key)
