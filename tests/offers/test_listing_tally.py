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


def searched(query: str) -> int:
    return OfferSearch(QueryDict(query)).tally()["total"][""]


def test_a_search_keeps_its_counts_and_follows_the_offers(catalogue):
    first = counted("q=developer&family=engineering")
    assert first["shown"] == first["fresh"]
    assert ListingTally.objects.filter(filters__contains="q=developer").exists()
    again = counted("q=developer&family=engineering")
    assert again["shown"] == first["fresh"]
    before = searched("q=developer")
    catalogue.add("Rust developer")
    assert searched("q=developer") == before + 1


def test_a_search_follows_a_renamed_place(catalogue):
    """Offers are found by the names of their places."""
    assert searched("q=lyon") > 0
    assert searched("q=villeurbanne") == 0
    lyon = catalogue.places["lyon"]
    lyon.city = "Villeurbanne"
    lyon.save()
    assert searched("q=villeurbanne") > 0
    assert searched("q=villeurbanne") == counted("q=villeurbanne")["fresh"]["total"][""]


def test_the_search_and_filters_cannot_be_mistaken(catalogue):
    keys = {
        OfferSearch(QueryDict(query)).filters_key()
        for query in [
            "",
            "q=remote",
            "remote=hybrid",
            "q=remote hybrid",
            "q=remote&remote=hybrid",
            "remote=hybrid&q=remote",
        ]
    }
    assert len(keys) == 5


def test_kept_counts_are_bounded(catalogue, monkeypatch):
    monkeypatch.setattr("offers.models.MAX_TALLIES", 3)
    for word in ("python", "lyon", "sales", "paris", "intern"):
        counted(f"q={word}")
    assert ListingTally.objects.count() == 3
    assert counted("q=intern")["shown"] == counted("q=intern")["fresh"]


def test_counts_follow_an_offer_deleted_as_a_page(catalogue):
    """Wagtail's admin deletes the page row; the offer and its listing row go
    with it."""
    from wagtail.models import Page

    before = total()
    Page.objects.get(pk=catalogue.offers["Python developer"].pk).delete()
    assert total() == before - 1
