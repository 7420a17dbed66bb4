"""Sending alerts: at an offer's first publication, and in daily or weekly digests.

Each e-mail goes out inside the transaction that records its ``AlertDelivery``
rows, and the rows are written before the e-mail is handed to the mail server:

- two runs that race for the same candidate and offer (a retried task, two
  workers, two cron runs) collide on the unique constraints: the second insert
  waits for the first transaction and fails once it commits, so the second run
  sends nothing;
- a failure before the mail server accepts the e-mail (an SMTP error, a crash)
  rolls the rows back, so the next run sends it;
- only a crash after the mail server accepted the e-mail and before the commit
  could send it twice, a window of one round trip to the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from offers.models import OfferPage

from .choices import Frequency
from .emails import OfferSummary, alert_email, organisation_name
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
    """Some e-mails could not be sent; their deliveries were not recorded, so the
    next run sends them."""


@dataclass
class Notice:
    """One e-mail to send: a candidate, the alerts that matched, the offers."""

    candidate_id: int
    email: str
    name: str
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
        .select_related("job_family")
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
        )
    )
    for alert_id, candidate_id, email, first_name, username in rows:
        notice = notices.get(candidate_id)
        if notice is None:
            notice = notices[candidate_id] = Notice(
                candidate_id, email, first_name or username
            )
        notice.add(alert_id, offer.pk)


class Mailer:
    """Sends notices over one connection to the mail server, each in its own
    transaction with its deliveries (see the module's docstring)."""

    def __init__(self, frequency: str, offers: Iterable[OfferPage]) -> None:
        self.frequency = frequency
        self.summaries = {offer.pk: OfferSummary.of(offer) for offer in offers}
        self.organisation = organisation_name()
        self.sent: list[int] = []
        self.skipped: list[int] = []
        self.failed: list[int] = []

    def send_all(
        self, notices: Iterable[Notice], now: datetime | None = None
    ) -> list[int]:
        """Sends every notice; returns the candidates who were sent an e-mail."""
        with get_connection(fail_silently=False) as connection:
            for notice in notices:
                self.send(notice, connection, now)
        if self.failed:
            raise AlertSendingError(
                f"{len(self.failed)} alert e-mails could not be sent "
                f"({len(self.sent)} sent); the next run retries them."
            )
        return self.sent

    def send(self, notice: Notice, connection, now: datetime | None) -> None:
        message = alert_email(
            to=notice.email,
            name=notice.name,
            candidate_id=notice.candidate_id,
            alert_ids=notice.alert_ids,
            offers=[self.summaries[pk] for pk in notice.offer_ids],
            digest=self.frequency != Frequency.IMMEDIATE,
            organisation=self.organisation,
        )
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
                connection.send_messages([message])
        except IntegrityError:
            # Another run sent it (or is sending it and has just committed).
            self.skipped.append(notice.candidate_id)
        except Exception:
            logger.exception(
                "Job alert e-mail to candidate %s failed", notice.candidate_id
            )
            self.failed.append(notice.candidate_id)
            connection.close()  # the next message opens a fresh connection
        else:
            self.sent.append(notice.candidate_id)


def send_new_offer_alerts(offer_id: int) -> int:
    """Sends the immediate alerts that an offer matches; returns the number of
    e-mails sent. Runs in a task after the offer's first publication; running it
    again sends only what was not sent yet."""
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
    return len(Mailer(Frequency.IMMEDIATE, [offer]).send_all(notices.values()))


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
    """Sends each candidate one e-mail with the offers published since the last
    digest of their due alerts; returns the number of e-mails sent.

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
    mailer = Mailer(frequency, offers)
    try:
        sent = mailer.send_all(notices.values(), now=now)
    finally:
        # The others were looked at up to now; those that failed try again.
        due.exclude(candidate_id__in=mailer.failed).update(last_digest_at=now)
    return len(sent)
