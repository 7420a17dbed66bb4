"""Queries per page do not grow with the number of offers (5 against 30)."""

from __future__ import annotations

import pytest

from home.search import deferred_indexing
from offers.factories import JobFamilyFactory, LocationFactory
from offers.models import OfferPage, OfferSearchDocument

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

# Wagtail's routing (the site with its root page, the index by its slug, the
# index whole, the path's aliases and view restrictions: 6), the families and
# places of the filters, the counts (the offers' own columns, then the places),
# the portal settings, the page of offers and their places. A search reads the
# ids of the offers found once more (up to MAX_LISTED_MATCHES of them; beyond,
# it is a subquery of the counts and the page).
LISTING_QUERIES = 13
SEARCH_QUERIES = 14
# A family or a place chosen: the team and location pages that link from the
# listing, read in one query.
ABOUT_PAGES_QUERIES = 1
# On PostgreSQL the words are matched from the offers' search documents, a
# subquery of the counts and the page: no query of its own.
PG_SEARCH_QUERIES = 13
# Wagtail's routing (8), the portal settings, the offer's places and family,
# the similar offers and their places, the team and location pages it links to.
OFFER_QUERIES = 14


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
        (
            "/offers/?family=engineering&location=lyon&remote=hybrid",
            LISTING_QUERIES + ABOUT_PAGES_QUERIES,
        ),
        ("/offers/?q=developer", SEARCH_QUERIES),
        (
            "/offers/?q=developer&family=engineering&location=lyon&contract=permanent"
            "&remote=hybrid&sort=closing",
            SEARCH_QUERIES + ABOUT_PAGES_QUERIES,
        ),
        ("/offers/?page=2", LISTING_QUERIES),
    ],
)
def test_listing_queries_are_pinned(
    client, django_assert_num_queries, catalogue, path, expected
):
    if "q=" in path and OfferSearchDocument.in_use():
        expected += PG_SEARCH_QUERIES - SEARCH_QUERIES
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
