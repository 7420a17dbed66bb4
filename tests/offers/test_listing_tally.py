"""The listing's counts are kept per set of filters and day (ListingTally), and
are always those the listing rows give: any change of the rows, a new day or a
count taken while the rows changed leaves the kept counts unread."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.http import QueryDict
from django.utils import timezone

from offers.models import ListingGeneration, ListingTally, OfferPage
from offers.search import OfferSearch

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

STATES = [
    "",
    "family=engineering",
    "family=engineering&family=sales&location=lyon",
    "contract=permanent&remote=hybrid",
    "location=paris&location=lyon&remote=full_remote",
]


@pytest.fixture
def catalogue():
    return build_catalogue()


def counted(query: str) -> dict:
    """The counts as the listing shows them, and as the rows give them now."""
    search = OfferSearch(QueryDict(query))
    fresh = {name: +counter for name, counter in search._count().items()}
    shown = {name: +counter for name, counter in search.tally().items()}
    return {"shown": shown, "fresh": fresh}


@pytest.mark.parametrize("query", STATES)
def test_kept_counts_are_the_counted_ones(catalogue, query):
    first = counted(query)  # counts, then keeps them
    assert first["shown"] == first["fresh"]
    assert first["shown"]["total"][""] > 0 or query
    assert ListingTally.objects.count() == 1
    again = counted(query)  # read back
    assert again["shown"] == first["fresh"]


def test_the_plain_listing_reads_its_counts_once(
    catalogue, client, django_assert_num_queries
):
    client.get("/offers/")
    search = OfferSearch(QueryDict(""))
    with django_assert_num_queries(1):
        search.tally()


def total() -> int:
    return OfferSearch(QueryDict("")).tally()["total"][""]


def test_counts_follow_every_change_of_the_offers(catalogue):
    before = total()
    new = catalogue.add("Rust developer")
    assert total() == before + 1
    new.filled = True
    new.save()
    assert total() == before
    new.filled = False
    new.save()
    assert total() == before + 1
    new.unpublish()
    assert total() == before
    OfferPage.objects.get(title="Python developer").delete()
    assert total() == before - 1
    assert counted("")["shown"] == counted("")["fresh"]


def test_counts_follow_the_day(catalogue):
    closing = catalogue.add("Closing tonight", closing_date=timezone.localdate())
    assert closing.is_open
    today = total()
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        tomorrow = counted("")
        assert tomorrow["shown"] == tomorrow["fresh"]
        assert tomorrow["shown"]["total"][""] < today


def test_counts_taken_while_the_offers_changed_are_never_read(catalogue):
    """A request reads the generation, counts; meanwhile an offer is published
    (its transaction increases the generation): what it keeps stays unread."""
    today = timezone.localdate()
    generation = ListingGeneration.current()
    stale = {"total": [["", 999]]}
    ListingTally.forget_all()  # the publication, committed meanwhile
    ListingTally.remember("", today, generation, stale)
    assert ListingTally.recall("", today) is None
    assert total() != 999


def test_tallies_of_past_days_are_dropped(catalogue):
    yesterday = timezone.localdate() - timedelta(days=1)
    ListingTally.remember("", yesterday, ListingGeneration.current(), {})
    total()
    assert list(ListingTally.objects.values_list("day", flat=True)) == [
        timezone.localdate()
    ]
