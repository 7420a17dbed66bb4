"""Writes again the narrow listing row of every live offer (offers.ListedOffer)."""

from django.core.management.base import BaseCommand

from offers.models import ListedOffer


class Command(BaseCommand):
    help = (
        "Writes again the listing rows of all live, unfilled offers: after offers "
        "were changed in bulk outside Wagtail (SQL, queryset.update())."
    )

    def handle(self, *args, **options) -> None:
        count = ListedOffer.rebuild()
        self.stdout.write(f"{count} offer(s) listed.")
