"""A logged-in candidate's listing and offer pages read the saved offers once,
whatever the number of offers shown (5 against 30), pinned."""

from __future__ import annotations

import pytest

from candidates.factories import SavedOfferFactory, UserFactory
from offers.models import OfferPage
from tests.offers.catalogue import build_catalogue
from tests.offers.test_queries import LISTING_QUERIES, OFFER_QUERIES, grow

pytestmark = pytest.mark.django_db

# A logged-in visitor's own (the session, the user, the versions of the Data
# Protection Agreement published and those they accepted, their permissions and
# their groups': 6),
# then the ids of the offers they saved: one query for every card of the page.
CANDIDATE = 6
SAVED_IDS = 1
# The offer page also asks whether the candidate applied (applications' hook).
APPLY_STATE = 1


def queries(client, django_assert_num_queries, path: str, expected: int) -> str:
    client.get(path)  # warm the per-process caches (site root paths)
    with django_assert_num_queries(expected):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_candidates_listing_and_offer_page_are_pinned(
    client, django_assert_num_queries
):
    catalogue = build_catalogue()
    candidate = UserFactory()
    offer = OfferPage.objects.get(title="Python developer")
    SavedOfferFactory(candidate=candidate, offer=offer)
    client.force_login(candidate)
    listing = catalogue.index.url
    for total in (5, 30):
        grow(catalogue, total)
        html = queries(
            client,
            django_assert_num_queries,
            listing,
            LISTING_QUERIES + CANDIDATE + SAVED_IDS,
        )
        assert html.count("data-save-toggle") >= 5
        html = queries(
            client,
            django_assert_num_queries,
            offer.url,
            OFFER_QUERIES + CANDIDATE + SAVED_IDS + APPLY_STATE,
        )
        assert 'aria-pressed="true"' in html
