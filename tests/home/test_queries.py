"""The home page's queries do not grow with the number of offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import make_site_root
from offers.factories import LocationFactory, OfferIndexPageFactory, OfferPageFactory

pytestmark = pytest.mark.django_db

# Wagtail's routing (the site with its root page, the path's aliases and view
# restrictions), the home page, the portal settings, the newest offers, their
# places.
HOME_PAGE_QUERIES = 7


def count_queries(client, path: str) -> int:
    client.get(path)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_home_page_query_count_is_pinned(client):
    home = make_site_root()
    index = OfferIndexPageFactory(parent=home)
    places = [LocationFactory(city=city) for city in ("Lyon", "Paris")]
    for _ in range(3):
        OfferPageFactory(parent=index, locations=places)
    few = count_queries(client, "/")
    for number in range(12):
        OfferPageFactory(parent=index, locations=places[number % 2 :])
    many = count_queries(client, "/")
    assert few == many
    assert many == HOME_PAGE_QUERIES, many
