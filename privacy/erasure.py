"""The erasure of a candidate's account and data: by the candidate ("Delete my
account"), by HR, or for inactivity (the retention purge). Each app erases its own
rows (its ``register_personal_data`` declaration); this module locks the account,
and deletes what no app owns: e-mails, axes records, sessions, the account."""

from __future__ import annotations

import json
import logging
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from candidates.models import User
from candidates.personal_data import Erasing
from core.models import OutgoingEmail

from .emails import queue_email
from .registry import declarations

logger = logging.getLogger(__name__)


class ErasureReason(models.TextChoices):
    SELF = "self"
    HR = "hr"
    INACTIVITY = "inactivity"


class NotACandidate(Exception):
    """Staff accounts are managed by administrators, never erased here."""


def candidate_accounts() -> QuerySet[User]:
    """Accounts of candidates: never staff, superusers, nor members of a group or
    holders of a permission (HR recruiters, content editors...)."""
    return User.objects.filter(
        is_staff=False,
        is_superuser=False,
        groups__isnull=True,
        user_permissions__isnull=True,
    )


def is_candidate(user: User) -> bool:
    return user.is_authenticated and candidate_accounts().filter(pk=user.pk).exists()


def _session_keys_of(user_pk: int) -> list[str]:
    """The keys of the live sessions logged in as ``user_pk`` (database-backed
    session engines; others cannot be listed, and a session of a deleted account
    logs nobody in anyway)."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return []
    store = store_class()
    keys = []
    rows = (
        store_class.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
    )
    for key, data in rows.iterator():
        if str(store.decode(data).get("_auth_user_id")) == str(user_pk):
            keys.append(key)
    return keys


def _delete_sessions(keys: list[str]) -> None:
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store_class(session_key=key).delete()


def _delete_outgoing_emails(keys: list[str], addresses: set[str]) -> None:
    """E-mails about the candidate (the keys the apps gave) or addressed to them."""
    condition = Q(key__in=keys)
    for address in addresses:
        # The JSON text of the recipients holds the address between quotes.
        condition |= Q(to__icontains=json.dumps(address))
        condition |= Q(reply_to__icontains=json.dumps(address))
    OutgoingEmail.objects.filter(condition).delete()


def _delete_axes_records(names: set[str]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    condition = Q()
    for name in names:
        condition |= Q(username__iexact=name)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(condition).delete()


def erase_candidate(
    user: User,
    *,
    by: User | None = None,
    reason: str = ErasureReason.SELF,
) -> bool:
    """Erases a candidate's account and data, in one transaction that first locks
    the account's row (as a submission does): a racing submission either commits
    before and is erased with the rest, or finds the account gone.

    Every app erases its rows (drafts, documents with their files after the
    commit, alerts, consents, profile, addresses...; sent applications are
    anonymised or deleted per ``ERASURE_SENT_APPLICATIONS``), then the e-mails,
    sessions and axes records go. The confirmation e-mail is queued in the same
    transaction. Returns False when the account was already gone; raises
    ``NotACandidate`` for a staff account.
    """
    # Higher apps first: their rows point at the lower apps' rows.
    erasers = [d.erase for d in reversed(declarations()) if d.erase is not None]
    with transaction.atomic():
        account = User.objects.select_for_update().filter(pk=user.pk).first()
        if account is None:
            return False
        if not candidate_accounts().filter(pk=account.pk).exists():
            raise NotACandidate
        pk, email, username = account.pk, account.email, account.username
        language = account.language
        addresses = {email.lower()} | {
            address.lower()
            for address in EmailAddress.objects.filter(user=account).values_list(
                "email", flat=True
            )
        }
        erasing = Erasing(account=account, addresses=addresses, reason=reason)
        for erase in erasers:
            erase(erasing)
        _delete_outgoing_emails(erasing.email_keys, addresses)
        _delete_axes_records({username} | addresses)
        # An account unused for the whole retention period has no live session
        # (sessions last hours or weeks): no need to read every session then.
        session_keys = (
            [] if reason == ErasureReason.INACTIVITY else _session_keys_of(pk)
        )
        account.delete()
        transaction.on_commit(lambda: _delete_sessions(session_keys))
        sent_count = erasing.facts.get("sent_count", 0)
        anonymise = settings.ERASURE_SENT_APPLICATIONS != "delete"
        queue_email(
            f"account-erased-{pk}",
            email,
            "account_erased",
            {
                "reason": reason,
                "sent_count": sent_count,
                "anonymised": anonymise,
                "retention_months": settings.CANDIDATE_RETENTION_MONTHS,
            },
            language=language,
        )
    logger.info(
        "Candidate account %s erased (%s)%s; %d sent application(s) %s.",
        pk,
        reason,
        f" by staff user {by.pk}" if by is not None else "",
        sent_count,
        "anonymised" if anonymise else "deleted",
    )
    return True
