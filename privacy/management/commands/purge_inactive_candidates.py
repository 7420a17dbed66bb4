"""Warns, then erases, the candidates inactive for CANDIDATE_RETENTION_MONTHS; run
it daily from cron (idempotent: a second run the same day sends nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from privacy.retention import WARNING_DAYS, purge_inactive_candidates


class Command(BaseCommand):
    help = (
        "Warns by e-mail the candidates inactive for the retention period minus "
        f"{WARNING_DAYS} days, erases those warned {WARNING_DAYS} days ago and "
        "still inactive."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be done, change nothing and send nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        result = purge_inactive_candidates(dry_run=dry_run)
        prefix = "Dry run: would have " if dry_run else ""
        self.stdout.write(
            f"{prefix}{'warned' if dry_run else 'Warned'} {len(result.warned)}, "
            f"erased {len(result.erased)}, "
            f"cleared {len(result.cleared)} warning(s) of returning candidate(s), "
            f"forgot {result.forgotten_emails} sent erasure confirmation(s) "
            f"(retention: {settings.CANDIDATE_RETENTION_MONTHS} months)."
        )
