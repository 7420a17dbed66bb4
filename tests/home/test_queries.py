"""The home page's queries do not grow with the number of offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.factories import make_site_root
from offers.factories import LocationFactory, OfferIndexPageFactory, OfferPageFactory
from offers.models import OfferIndexPage

pytestmark = pytest.mark.django_db

# Wagtail's routing (the site with its root page, the locale of the address's
# language, the path's aliases and view restrictions), the home page, the
# portal settings, the language links (the page's translations and the offer
# index's, in one query), the newest offers, their places.
HOME_PAGE_QUERIES = 9
# In a language other than the default one, Wagtail's routing reads the site's
# root page in that language too.
OTHER_LANGUAGE = 1


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
    few = count_queries(client, "/en/")
    for number in range(12):
        OfferPageFactory(parent=index, locations=places[number % 2 :])
    many = count_queries(client, "/en/")
    assert few == many
    assert many == HOME_PAGE_QUERIES, many


def test_french_home_page_query_count_is_pinned(client):
    """The same queries in the other language."""
    home = make_site_root()
    index = OfferIndexPageFactory(parent=home)
    french = Locale.objects.get(language_code="fr")
    home_fr = home.copy_for_translation(french)
    home_fr.slug = "accueil"
    home_fr.save_revision().publish()
    index_fr = index.copy_for_translation(french)
    index_fr.slug = "offres"
    index_fr.save_revision().publish()
    index_fr = OfferIndexPage.objects.get(pk=index_fr.pk)
    places = [LocationFactory(city=city) for city in ("Lyon", "Paris")]
    for _ in range(3):
        OfferPageFactory(parent=index_fr, locations=places)
        OfferPageFactory(parent=index, locations=places)
    few = count_queries(client, "/fr/")
    for number in range(12):
        OfferPageFactory(parent=index_fr, locations=places[number % 2 :])
    many = count_queries(client, "/fr/")
    assert few == many
    assert many == HOME_PAGE_QUERIES + OTHER_LANGUAGE, many
