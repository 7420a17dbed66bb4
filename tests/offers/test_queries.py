"""Queries per page do not grow with the number of offers (5 against 30)."""

from __future__ import annotations

import pytest
from wagtail_factories import ImageFactory

from home.search import deferred_indexing
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    LocationIndexPageFactory,
    LocationPageFactory,
    TeamIndexPageFactory,
    TeamPageFactory,
)
from offers.models import OfferPage, OfferSearchDocument

from .catalogue import add_french, build_catalogue

pytestmark = pytest.mark.django_db

# Wagtail's routing (the site with its root page, the locale of the address's
# language, the index by its slug, the index whole, the path's aliases and view
# restrictions: 7), the families and places of the filters (every language's,
# named in the page's), the counts (the offers' own columns, then the places),
# the portal settings, the language links (the keys of the pages above, then
# the page's translations, the offer index's and the footer's in one query),
# the page of offers and their places.
# A search reads the ids of the offers found once more (up to
# MAX_LISTED_MATCHES of them; beyond, it is a subquery of the counts and the
# page).
LISTING_QUERIES = 16
SEARCH_QUERIES = 17
# A family or a place chosen: the team and location pages that link from the
# listing, read in one query (in the page's language, else the default one's).
ABOUT_PAGES_QUERIES = 1
# On PostgreSQL the words are matched from the offers' search documents, a
# subquery of the counts and the page: no query of its own.
PG_SEARCH_QUERIES = 16
# Wagtail's routing (9, with the locale of the address's language), the portal
# settings, the language links (two queries), the offer's places and family, the
# similar offers and their places, the team and location pages it links to.
OFFER_QUERIES = 17
# An offer whose family has a team page and whose places have location pages
# shows them below its description: the team page, its quotes' photos, the
# place pages with their images, and those images' renditions (one query for
# all the places; the quote photo's renditions come from Wagtail's renditions
# cache). Whatever the number of places: 4 more than an offer without them.
TEAM_AND_PLACE_QUERIES = 4
# In a language other than the default one, Wagtail's routing reads the site's
# root page in that language too: one query more, whatever the number of offers.
OTHER_LANGUAGE = 1


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
        ("/en/offers/", LISTING_QUERIES),
        (
            "/en/offers/?family=engineering&location=lyon&remote=hybrid",
            LISTING_QUERIES + ABOUT_PAGES_QUERIES,
        ),
        ("/en/offers/?q=developer", SEARCH_QUERIES),
        (
            "/en/offers/?q=developer&family=engineering&location=lyon&contract=permanent"
            "&remote=hybrid&sort=closing",
            SEARCH_QUERIES + ABOUT_PAGES_QUERIES,
        ),
        ("/en/offers/?page=2", LISTING_QUERIES),
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


def add_team_and_places(catalogue) -> None:
    """A team page for engineering (a quote with a photo) and a location page
    with a photo for Lyon and Paris."""
    teams = TeamIndexPageFactory(parent=catalogue.home)
    photo = ImageFactory(width=300, height=300)
    TeamPageFactory(
        parent=teams,
        title="Engineering team",
        job_family=catalogue.families["engineering"],
        quotes=[
            {
                "type": "quote",
                "value": {
                    "quote": "We ship every day.",
                    "name": "Inès",
                    "role": "Developer",
                    "photo": {"image": photo.pk, "decorative": True, "alt_text": ""},
                },
            }
        ],
    )
    places = LocationIndexPageFactory(parent=catalogue.home)
    for key in ("lyon", "paris"):
        LocationPageFactory(
            parent=places,
            title=f"{key.title()} office",
            slug=key,
            location=catalogue.places[key],
            image=ImageFactory(width=800, height=450),
        )


@pytest.mark.parametrize("title", ["Python developer", "Frontend developer"])
def test_offer_page_with_team_and_places_queries_are_pinned(
    client, django_assert_num_queries, catalogue, title
):
    """One place or two: the same queries more."""
    add_team_and_places(catalogue)
    path = OfferPage.objects.get(title=title).url
    expected = OFFER_QUERIES + TEAM_AND_PLACE_QUERIES
    grow(catalogue, 5)
    queries(client, django_assert_num_queries, path, expected)
    assert "We ship every day." in client.get(path).content.decode()
    grow(catalogue, 30)
    queries(client, django_assert_num_queries, path, expected)


def grow_french(french, total: int) -> None:
    """Adds offers in French until ``total`` are open there."""
    number = OfferPage.objects.open().filter(locale=french.index.locale).count()
    with deferred_indexing():
        while number < total:
            place = LocationFactory(city=f"Ville {number % 6}")
            french.add(
                f"Développeur {number}",
                job_family=french.families["engineering"],
                locations=[place],
            )
            number += 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/offres/", LISTING_QUERIES),
        (
            "/fr/offres/?family=engineering&location=lyon",
            LISTING_QUERIES + ABOUT_PAGES_QUERIES,
        ),
        ("/fr/offres/?page=2", LISTING_QUERIES),
    ],
)
def test_french_listing_queries_are_pinned(
    client, django_assert_num_queries, catalogue, path, expected
):
    french = add_french(catalogue, {"Python developer": "Développeur Python"})
    grow_french(french, 5)
    queries(client, django_assert_num_queries, path, expected + OTHER_LANGUAGE)
    grow_french(french, 30)
    queries(client, django_assert_num_queries, path, expected + OTHER_LANGUAGE)


def test_french_offer_page_queries_are_pinned(
    client, django_assert_num_queries, catalogue
):
    french = add_french(catalogue, {"Python developer": "Développeur Python"})
    path = french.offers["Python developer"].url
    assert path == "/fr/offres/developpeur-python/"
    expected = OFFER_QUERIES + OTHER_LANGUAGE
    grow_french(french, 5)
    queries(client, django_assert_num_queries, path, expected)
    grow_french(french, 30)
    queries(client, django_assert_num_queries, path, expected)
