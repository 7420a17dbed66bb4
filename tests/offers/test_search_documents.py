"""On PostgreSQL, searches match the offers' own search documents (a tsvector
with a GIN index), kept from what is live by the model."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from offers.factories import OfferPageFactory
from offers.models import OfferPage, OfferSearchDocument
from offers.search import OfferSearch

from .catalogue import build_catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def catalogue():
    return build_catalogue()


def found(query: str) -> list[str]:
    return sorted(
        offer.title for offer in OfferSearch(QueryDict(f"q={query}")).results()
    )


def test_searches_read_the_documents(catalogue):
    assert OfferSearchDocument.in_use()
    with CaptureQueriesContext(connection) as captured:
        assert found("python") == ["Python developer"]
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert OfferSearchDocument._meta.db_table in sql
    assert "modelsearch_indexentry" not in sql


def test_every_live_offer_has_its_document(catalogue):
    live = set(OfferPage.objects.live().values_list("pk", flat=True))
    assert live
    assert set(OfferSearchDocument.objects.values_list("offer_id", flat=True)) >= live


def test_a_draft_stays_out_and_a_publication_comes_in(catalogue):
    python = catalogue.offers["Python developer"]
    python.title = "Zanzibar astronaut"
    python.save_revision()
    assert found("zanzibar") == []
    OfferPage.objects.get(pk=python.pk).get_latest_revision().publish()
    assert found("zanzibar") == ["Zanzibar astronaut"]
    assert found("zanzibar astronaut") == ["Zanzibar astronaut"]
    assert found("zanzibar xylophone") == []


def test_a_renamed_family_or_place_is_found_by_its_new_name(catalogue):
    python = catalogue.offers["Python developer"]
    family = python.job_family
    family.name = "Quarkonomics"
    family.save()
    place = python.locations.first()
    place.city = "Ouagadougou"
    place.save()
    assert "Python developer" in found("quarkonomics")
    assert "Python developer" in found("ouagadougou")


def test_words_are_stemmed_as_wagtail_stems_them(catalogue):
    by_wagtail = sorted(
        offer.title
        for offer in OfferPage.objects.live().search(
            "developers", operator="and", order_by_relevance=False
        )
    )
    assert by_wagtail
    open_titles = set(OfferPage.objects.open().values_list("title", flat=True))
    assert found("developers") == [t for t in by_wagtail if t in open_titles]


def test_a_deleted_offer_takes_its_document_along(catalogue):
    python = catalogue.offers["Python developer"]
    assert OfferSearchDocument.objects.filter(offer_id=python.pk).exists()
    python.delete()
    assert not OfferSearchDocument.objects.filter(offer_id=python.pk).exists()


def test_the_command_writes_every_document_again(catalogue):
    OfferSearchDocument.objects.all().delete()
    assert found("python") == []
    call_command("refresh_offer_search", stdout=io.StringIO())
    assert found("python") == ["Python developer"]


# Languages


@pytest.fixture
def bilingual(settings):
    languages = [("en", "English"), ("fr", "Français")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages
    yield
    translation.activate("en")


def test_each_offer_is_stemmed_by_its_language(catalogue, bilingual):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    OfferPageFactory(
        parent=catalogue.index,
        title="Développeur backend",
        body=[{"type": "paragraph", "value": "<p>Une plateforme gérée en équipe.</p>"}],
        locale=french,
    )
    with translation.override("fr"):
        # A French inflected word finds the French offer…
        assert found("développeurs") == ["Développeur backend"]
        # (the English stemmer does not make "gérer" of "gérée")
        assert found("gérer") == ["Développeur backend"]
    with translation.override("en"):
        # …and an English one the English offers, stemmed in English (the French
        # stemmer does not make "developer" of "developers").
        assert "Python developer" in found("developers")
        assert "Développeur backend" not in found("developers")


def test_the_configuration_follows_the_language(settings):
    settings.SEARCH_CONFIGS = {"en": "english", "fr": "french"}
    assert OfferSearchDocument.config("fr") == "french"
    assert OfferSearchDocument.config("fr-ca") == "french"
    assert OfferSearchDocument.config("de") == "simple"
    with translation.override("en"):
        assert OfferSearchDocument.config() == "english"
