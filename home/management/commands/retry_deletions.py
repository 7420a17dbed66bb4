"""Retries the deletions of stored files that failed (S3 down...); run it from cron."""

from django.core.management.base import BaseCommand, CommandError

from home.storage import retry_deletions


class Command(BaseCommand):
    help = "Deletes the stored files whose deletion failed earlier."

    def handle(self, *args, **options) -> None:
        deleted, failed = retry_deletions()
        self.stdout.write(f"{deleted} file(s) deleted, {failed} still pending.")
        if failed:
            raise CommandError(f"{failed} deletion(s) failed again; see the log.")
