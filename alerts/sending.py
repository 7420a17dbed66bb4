"""Sending alerts: at an offer's first publication, and in daily or weekly digests.

Each e-mail is queued in the site's outbox (``core.outbox``) inside the transaction
that records its ``AlertDelivery`` rows, under a key of its candidate and batch
(the offer, or the digest's frequency and time):

- two runs that race for the same candidate and offer (a retried task, two
  workers, two cron runs) collide on the unique constraints of the deliveries: the
  second insert waits for the first transaction and fails once it commits, so the
  second run queues nothing;
- a failure before the commit (a crash, a database error) rolls the rows and the
  e-mail back together, so the next run queues it again;
- once committed, the e-mail is the outbox's: ``core.tasks.deliver_email`` sends
  it once, and tries again later while the mail server is unreachable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from offers.models import OfferPage

from .choices import Frequency
from .emails import OfferSummary, organisation_name, queue_alert_email
from .matching import matching_alerts
from .models import AlertDelivery, JobAlert

logger = logging.getLogger(__name__)

DIGEST_PERIODS = {
    Frequency.DAILY: timedelta(days=1),
    Frequency.WEEKLY: timedelta(days=7),
}
# A digest is due a little before its full period, so that a cron job that starts
# a few minutes early does not skip a day.
DUE_MARGIN = timedelta(hours=1)


class AlertSendingError(Exception):
    """Some e-mails could not be queued; their deliveries were not recorded, so the
    next run queues them."""


@dataclass
class Notice:
    """One e-mail to send: a candidate, the alerts that matched, the offers."""

    candidate_id: int
    email: str
    name: str
    language: str
    alert_ids: list[int] = field(default_factory=list)
    offer_ids: list[int] = field(default_factory=list)
    # (alert, offer) of each delivery to record: one per offer.
    deliveries: list[tuple[int, int]] = field(default_factory=list)

    def add(self, alert_id: int, offer_id: int) -> None:
        if alert_id not in self.alert_ids:
            self.alert_ids.append(alert_id)
        if offer_id not in self.offer_ids:
            self.offer_ids.append(offer_id)
            self.deliveries.append((alert_id, offer_id))


def open_offers() -> QuerySet[OfferPage]:
    """Offers that may be sent: open and visible to everyone."""
    return (
        OfferPage.objects.open()
        .public()
        .select_related("job_family", "locale")
        .prefetch_related("locations")
    )


def collect(
    notices: dict[int, Notice], offer: OfferPage, alerts: QuerySet[JobAlert]
) -> None:
    """Adds to ``notices`` the candidates whose ``alerts`` match ``offer``."""
    rows = (
        matching_alerts(offer, alerts)
        .order_by("candidate_id", "pk")
        .values_list(
            "pk",
            "candidate_id",
            "candidate__email",
            "candidate__first_name",
            "candidate__username",
            "candidate__language",
        )
    )
    for alert_id, candidate_id, email, first_name, username, language in rows:
        notice = notices.get(candidate_id)
        if notice is None:
            notice = notices[candidate_id] = Notice(
                candidate_id, email, first_name or username, language
            )
        notice.add(alert_id, offer.pk)


class Mailer:
    """Queues notices in the outbox, each in its own transaction with its
    deliveries (see the module's docstring)."""

    def __init__(self, frequency: str, offers: Iterable[OfferPage], batch: str) -> None:
        self.frequency = frequency
        self.batch = batch
        self.summaries = {offer.pk: OfferSummary.of(offer) for offer in offers}
        self.organisation = organisation_name()
        self.queued: list[int] = []
        self.skipped: list[int] = []
        self.failed: list[int] = []

    def queue_all(
        self, notices: Iterable[Notice], now: datetime | None = None
    ) -> list[int]:
        """Queues every notice; returns the candidates who were queued an e-mail."""
        for notice in notices:
            self.queue(notice, now)
        if self.failed:
            raise AlertSendingError(
                f"{len(self.failed)} alert e-mails could not be queued "
                f"({len(self.queued)} queued); the next run retries them."
            )
        return self.queued

    def queue(self, notice: Notice, now: datetime | None) -> None:
        try:
            with transaction.atomic():
                AlertDelivery.objects.bulk_create(
                    AlertDelivery(
                        alert_id=alert_id,
                        candidate_id=notice.candidate_id,
                        offer_id=offer_id,
                        frequency=self.frequency,
                    )
                    for alert_id, offer_id in notice.deliveries
                )
                if now is not None:
                    JobAlert.objects.filter(pk__in=notice.alert_ids).update(
                        last_digest_at=now
                    )
                queue_alert_email(
                    key=f"alert-{self.batch}-{notice.candidate_id}",
                    to=notice.email,
                    name=notice.name,
                    candidate_id=notice.candidate_id,
                    alert_ids=notice.alert_ids,
                    offers=[self.summaries[pk] for pk in notice.offer_ids],
                    digest=self.frequency != Frequency.IMMEDIATE,
                    organisation=self.organisation,
                    language=notice.language,
                )
        except IntegrityError:
            # Another run queued it (or is queuing it and has just committed).
            self.skipped.append(notice.candidate_id)
        except Exception:
            logger.exception(
                "Job alert e-mail to candidate %s not queued", notice.candidate_id
            )
            self.failed.append(notice.candidate_id)
        else:
            self.queued.append(notice.candidate_id)


def send_new_offer_alerts(offer_id: int) -> int:
    """Queues the immediate alerts that an offer matches; returns the number of
    e-mails queued. Runs in a task after the offer's first publication; running it
    again queues only what was not queued yet."""
    offer = open_offers().filter(pk=offer_id).first()
    if offer is None or offer.first_published_at is None:
        return 0
    alerts = JobAlert.objects.filter(
        frequency=Frequency.IMMEDIATE, created_at__lte=offer.first_published_at
    )
    notices: dict[int, Notice] = {}
    collect(notices, offer, alerts)
    if not notices:
        return 0
    mailer = Mailer(Frequency.IMMEDIATE, [offer], batch=f"offer-{offer.pk}")
    return len(mailer.queue_all(notices.values()))


def due_alerts(frequency: str, now: datetime) -> QuerySet[JobAlert]:
    """The active digest alerts whose last digest is a period old or more."""
    period = DIGEST_PERIODS[frequency]
    return JobAlert.objects.filter(
        frequency=frequency, active=True, candidate__is_active=True
    ).filter(
        Q(last_digest_at__isnull=True)
        | Q(last_digest_at__lte=now - period + DUE_MARGIN)
    )


def send_digests(frequency: str, now: datetime | None = None) -> int:
    """Queues for each candidate one e-mail with the offers published since the last
    digest of their due alerts; returns the number of e-mails queued.

    The queries run once per new offer, never once per alert.
    """
    now = now or timezone.now()
    due = due_alerts(frequency, now)
    since = due.aggregate(since=Min(Coalesce("last_digest_at", "created_at")))["since"]
    if since is None:
        return 0
    offers = list(
        open_offers()
        .filter(first_published_at__gt=since, first_published_at__lte=now)
        .order_by("-first_published_at", "-pk")
    )
    notices: dict[int, Notice] = {}
    for offer in offers:
        published = offer.first_published_at
        collect(
            notices,
            offer,
            due.filter(
                Q(last_digest_at__lt=published)
                | Q(last_digest_at__isnull=True, created_at__lt=published)
            ),
        )
    mailer = Mailer(frequency, offers, batch=f"{frequency}-{now:%Y%m%dT%H%M%S}")
    try:
        queued = mailer.queue_all(notices.values(), now=now)
    finally:
        # The others were looked at up to now; those that failed try again.
        due.exclude(candidate_id__in=mailer.failed).update(last_digest_at=now)
    return len(queued)
