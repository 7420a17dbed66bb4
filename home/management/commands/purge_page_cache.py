"""Outdates every page kept for anonymous visitors: after changing public content
outside Wagtail (SQL, ``queryset.update()``), which sends none of its signals."""

from django.core.management.base import BaseCommand

from home.page_cache import bump_generation


class Command(BaseCommand):
    help = "Outdate every page kept in the page cache."

    def handle(self, *args, **options) -> None:
        bump_generation()
        self.stdout.write("Page cache outdated.")
