"""The retention purge: candidates inactive for ``CANDIDATE_RETENTION_MONTHS`` are
warned by e-mail, then erased ``WARNING_DAYS`` later if still inactive."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from candidates.models import User
from core.models import OutgoingEmail

from .emails import queue_email
from .erasure import ErasureReason, candidate_accounts, erase_candidate
from .registry import declarations

# Days between the warning e-mail and the erasure of an inactive account.
WARNING_DAYS = 30


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` months earlier (the month's last day when
    that month is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def with_last_activity(queryset: QuerySet[User]) -> QuerySet[User]:
    """Annotates ``last_activity``: the latest of the last log-in, the sign-up and
    the last activity each app declares (for applications: the last change of one
    of the account's applications, a submission, a draft saved, a status change)."""
    activities = [
        Coalesce(declaration.last_activity(), "date_joined")
        for declaration in declarations()
        if declaration.last_activity is not None
    ]
    seen = Coalesce("last_login", "date_joined")
    return queryset.annotate(
        last_activity=Greatest(seen, *activities) if activities else seen
    )


@dataclass
class PurgeResult:
    """What a run of the purge did, or would do with ``dry_run``."""

    warned: list[int] = field(default_factory=list)
    erased: list[int] = field(default_factory=list)
    cleared: list[int] = field(default_factory=list)
    forgotten_emails: int = 0


def _purge_sets(now: datetime.datetime) -> dict[str, QuerySet[User]]:
    """The accounts to clear (active again since their warning), to erase (warned
    long enough ago and still inactive) and to warn, at ``now``."""
    retention_cutoff = months_before(now, settings.CANDIDATE_RETENTION_MONTHS)
    warn_cutoff = retention_cutoff + datetime.timedelta(days=WARNING_DAYS)
    accounts = with_last_activity(candidate_accounts())
    return {
        "cleared": accounts.filter(
            inactivity_warned_at__isnull=False,
            last_activity__gt=models.F("inactivity_warned_at"),
        ),
        "erased": accounts.filter(
            inactivity_warned_at__lte=now - datetime.timedelta(days=WARNING_DAYS),
            last_activity__lte=models.F("inactivity_warned_at"),
            last_activity__lt=warn_cutoff,
        ),
        "warned": accounts.filter(
            inactivity_warned_at__isnull=True, last_activity__lt=warn_cutoff
        ).exclude(email=""),
    }


def _locked_if(queryset: QuerySet[User], pk: int) -> User | None:
    """The account, locked, if it still belongs to ``queryset``."""
    if User.objects.select_for_update().filter(pk=pk).first() is None:
        return None
    return queryset.filter(pk=pk).first()


def purge_inactive_candidates(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> PurgeResult:
    """One run of the retention purge (cron-friendly, idempotent): clears the
    warning of accounts used again, erases the accounts warned at least 30 days
    ago and inactive since, warns the accounts inactive for the retention period
    minus 30 days, and forgets the erasure confirmations already sent."""
    now = now or timezone.now()
    sets = _purge_sets(now)
    result = PurgeResult()
    sent_confirmations = OutgoingEmail.objects.filter(
        key__startswith="account-erased-", sent_at__isnull=False
    )
    if dry_run:
        result.cleared = list(sets["cleared"].values_list("pk", flat=True))
        result.erased = list(sets["erased"].values_list("pk", flat=True))
        result.warned = list(sets["warned"].values_list("pk", flat=True))
        result.forgotten_emails = sent_confirmations.count()
        return result

    for pk in list(sets["cleared"].values_list("pk", flat=True)):
        with transaction.atomic():
            if _locked_if(sets["cleared"], pk):
                User.objects.filter(pk=pk).update(inactivity_warned_at=None)
                result.cleared.append(pk)
    for pk in list(sets["erased"].values_list("pk", flat=True)):
        with transaction.atomic():
            account = _locked_if(sets["erased"], pk)
            if account and erase_candidate(account, reason=ErasureReason.INACTIVITY):
                result.erased.append(pk)
    erase_on = now + datetime.timedelta(days=WARNING_DAYS)
    for pk in list(sets["warned"].values_list("pk", flat=True)):
        with transaction.atomic():
            account = _locked_if(sets["warned"], pk)
            if account is None:
                continue
            User.objects.filter(pk=pk).update(inactivity_warned_at=now)
            queue_email(
                f"inactivity-warning-{pk}-{now:%Y%m%d}",
                account.email,
                "inactivity_warning",
                {
                    "user": account,
                    "erase_on": erase_on,
                    "retention_months": settings.CANDIDATE_RETENTION_MONTHS,
                },
                language=account.language,
            )
            result.warned.append(pk)
    result.forgotten_emails, _deleted = sent_confirmations.delete()
    return result


def clear_inactivity_warning(user: User) -> None:
    """A log-in keeps the account: the warning of erasure no longer holds."""
    if user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
