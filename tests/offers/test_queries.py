"""Queries per page do not grow with the number of offers (5 against 30)."""

from __future__ import annotations

import pytest

from home.search import deferred_indexing
from offers.factories import JobFamilyFactory, LocationFactory
from offers.models import OfferPage

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

# The pages of the path (home.routing: one query, which also says that no page
# is restricted; the sites and the portal settings are cached), the index,
# families, locations, the counts (kept by the first request: ListingTally),
# the offers of the page (their listing rows, sorted and cut). When searching,
# the counts and the ids of the page come from one query that runs the search
# once, then the offers of the page.
LISTING_QUERIES = 6
SEARCH_QUERIES = 6
# The pages of the path, the offer (whole, with its family), its places, the
# listing rows of the similar offers, their cities.
OFFER_QUERIES = 5


@pytest.fixture
def catalogue():
    return build_catalogue()


def grow(catalogue, total: int) -> None:
    """Adds offers in new families and places until ``total`` are open."""
    number = OfferPage.objects.open().count()
    with deferred_indexing():
        while number < total:
            family = JobFamilyFactory(name=f"Family {number % 4}")
            place = LocationFactory(city=f"Town {number % 6}")
            catalogue.add(
                f"Grown developer {number}", job_family=family, locations=[place]
            )
            number += 1


def queries(client, django_assert_num_queries, path: str, expected: int) -> None:
    client.get(path)  # warm the per-process caches (site root paths)
    with django_assert_num_queries(expected):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/offers/", LISTING_QUERIES),
        ("/offers/?family=engineering&location=lyon&remote=hybrid", LISTING_QUERIES),
        ("/offers/?q=developer", SEARCH_QUERIES),
        (
            "/offers/?q=developer&family=engineering&location=lyon&contract=permanent"
            "&remote=hybrid&sort=closing",
            SEARCH_QUERIES,
        ),
        ("/offers/?page=2", LISTING_QUERIES),
    ],
)
def test_listing_queries_are_pinned(
    client, django_assert_num_queries, catalogue, path, expected
):
    grow(catalogue, 5)
    queries(client, django_assert_num_queries, path, expected)
    grow(catalogue, 30)
    queries(client, django_assert_num_queries, path, expected)


def test_offer_page_queries_are_pinned(client, django_assert_num_queries, catalogue):
    path = OfferPage.objects.get(title="Python developer").url
    grow(catalogue, 5)
    queries(client, django_assert_num_queries, path, OFFER_QUERIES)
    grow(catalogue, 30)
    queries(client, django_assert_num_queries, path, OFFER_QUERIES)
