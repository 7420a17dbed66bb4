"""What the public finds is what is live: a draft never reaches the search, and
the listing's search runs through Wagtail's search API whatever the backend."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from wagtail.search.backends import get_search_backend

from offers.models import OfferPage
from offers.search import OfferSearch

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue()


def found(query: str) -> list[str]:
    search = OfferSearch(QueryDict(f"q={query}"))
    return sorted(offer.title for offer in search.results())


def test_a_draft_never_changes_what_the_public_finds(client, catalogue):
    python = catalogue.offers["Python developer"]
    python.title = "Zanzibar astronaut"
    python.save_revision()  # "Save draft" on a live offer
    assert found("zanzibar") == []
    assert found("python developer") == ["Python developer"]
    response = client.get("/en/offers/?q=zanzibar")
    assert "Python developer" not in response.content.decode()
    OfferPage.objects.get(pk=python.pk).get_latest_revision().publish()
    assert found("zanzibar") == ["Zanzibar astronaut"]


def test_an_unpublished_offer_is_not_found(catalogue):
    assert "Python developer" in found("python")
    catalogue.offers["Python developer"].unpublish()
    assert "Python developer" not in found("python")


@pytest.mark.parametrize(
    "querystring",
    [
        "q=developer",
        "q=developer&family=engineering&location=lyon",
        "q=python&sort=closing",
        "q=lyon",
        "q=nothing-matches-this",
    ],
)
def test_the_same_answers_from_a_search_service(catalogue, querystring, settings):
    def answers():
        search = OfferSearch(QueryDict(querystring))
        counts = {name: dict(search.counts(name)) for name in search.selected}
        page = search.page()
        return [offer.pk for offer in page.object_list], counts

    database = answers()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.offers.search_service", "AUTO_UPDATE": False}
    }
    assert type(get_search_backend()).__name__ == "ServiceLikeBackend"
    assert answers() == database
    if "nothing" not in querystring:
        assert database[0]


def test_many_matches_give_the_same_answers_as_few(catalogue, monkeypatch):
    """Beyond MAX_LISTED_MATCHES the matches stay a subquery: same counts, same
    page."""

    def answers():
        search = OfferSearch(QueryDict("q=developer&family=engineering"))
        counts = {name: dict(search.counts(name)) for name in search.selected}
        return [offer.pk for offer in search.page().object_list], counts

    listed = answers()
    monkeypatch.setattr("offers.search.MAX_LISTED_MATCHES", 1)
    assert answers() == listed
    assert listed[0]
