"""Queues the job alert digests; meant for cron, safe to run more often than needed.

    manage.py send_job_alerts --frequency daily     # e.g. every day at 08:00
    manage.py send_job_alerts --frequency weekly    # e.g. every Monday at 08:00
    manage.py send_job_alerts --frequency immediate # catch-up, e.g. every hour

A digest goes to each candidate whose daily (weekly) alerts were last sent a day
(a week) ago or more, with the open offers first published since; a second run
finds nothing new. ``immediate`` queues what the tasks of recently published
offers could not (a stopped worker, a crash); what was queued is never queued
twice. The e-mails go through the site's outbox (``core.outbox``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from alerts.choices import Frequency
from alerts.sending import AlertSendingError, send_digests, send_new_offer_alerts
from offers.models import OfferPage


class Command(BaseCommand):
    help = "Queues the daily or weekly job alert digests (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[Frequency.DAILY, Frequency.WEEKLY, Frequency.IMMEDIATE],
        )
        parser.add_argument(
            "--days",
            type=int,
            default=2,
            help="With --frequency immediate: how far back to look for offers.",
        )

    def handle(self, *args: Any, frequency: str, days: int, **options: Any) -> None:
        if frequency == Frequency.IMMEDIATE:
            queued, errors = self.catch_up(days)
        else:
            try:
                queued, errors = send_digests(frequency), []
            except AlertSendingError as error:
                queued, errors = 0, [str(error)]
        self.stdout.write(f"{queued} job alert e-mails queued ({frequency}).")
        if errors:
            raise CommandError(" ".join(errors))

    def catch_up(self, days: int) -> tuple[int, list[str]]:
        since = timezone.now() - timedelta(days=days)
        offers = OfferPage.objects.open().public().filter(first_published_at__gte=since)
        queued, errors = 0, []
        for offer_id in offers.values_list("pk", flat=True):
            try:
                queued += send_new_offer_alerts(offer_id)
            except AlertSendingError as error:
                errors.append(str(error))
        return queued, errors
