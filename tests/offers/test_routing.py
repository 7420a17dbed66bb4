"""Offers are reached at their address, and the feed keeps its own."""

from __future__ import annotations

import pytest

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_an_offer_is_served_with_a_link_to_the_listing(client, catalogue):
    offer = catalogue.offers["Python developer"]
    response = client.get(offer.url)
    assert response.status_code == 200
    assert response.context["page"].pk == offer.pk
    assert response.context["listing_url"] == catalogue.index.url


def test_unpublished_unknown_and_deeper_addresses_are_not_found(client, catalogue):
    offer = catalogue.offers["Python developer"]
    url = offer.url
    assert client.get(f"{url}more/").status_code == 404
    assert client.get("/en/offers/no-such-offer/").status_code == 404
    offer.unpublish()
    assert client.get(url).status_code == 404


def test_the_feed_keeps_its_address(client, catalogue):
    response = client.get("/en/offers/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
