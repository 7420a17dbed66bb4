"""Queues again the e-mails whose delivery is overdue; run it from cron (hourly)."""

from typing import Any

from django.core.management.base import BaseCommand

from core.outbox import requeue_stalled_emails


class Command(BaseCommand):
    help = "Queues again the outgoing e-mails whose delivery is overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        count = requeue_stalled_emails()
        self.stdout.write(f"{count} overdue e-mail(s) queued again.")
