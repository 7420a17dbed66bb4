"""Writes the search documents of every live offer again (PostgreSQL behind
Wagtail's database backend; nothing to do elsewhere), as after a change of
``SEARCH_CONFIGS``: ``manage.py refresh_offer_search``."""

from django.core.management.base import BaseCommand

from offers.models import OfferPage, OfferSearchDocument


class Command(BaseCommand):
    help = "Writes the search documents of every live offer again."

    def handle(self, *args, **options) -> None:
        if not OfferSearchDocument.in_use():
            self.stdout.write("Searches do not use offer documents here.")
            return
        ids = list(OfferPage.objects.live().values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            OfferSearchDocument.refresh(ids[start : start + 500])
        self.stdout.write(f"{len(ids)} offers written.")
