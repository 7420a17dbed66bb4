"""The words of the offers (offers.OfferWord, PostgreSQL): kept by the database
from Wagtail's search index, and a search through them finds exactly what
matching the index's vectors finds."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry

from offers import search
from offers.models import OfferPage, OfferWord

from .catalogue import build_catalogue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

QUERIES = [
    "developer",  # in several offers
    "Developers",  # stemmed to the same word
    "python developer",
    "zzzunknown",
    "the",  # a stop word: one lexeme of none
    "full-time",
    "c++",
    "node.js",
    "l'équipe",
    "DÉVELOPPEUR",
    "lyon python",
    "o'brien",
    "back\\slash",
]


@pytest.fixture
def catalogue():
    return build_catalogue()


def index_words() -> dict[int, set[str]]:
    """The lexemes of each offer's title and body vectors, read from the index."""
    words: dict[int, set[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT e.object_id::integer, word
            FROM wagtailsearch_indexentry e
            JOIN django_content_type t ON t.id = e.content_type_id
            , unnest(tsvector_to_array(coalesce(e.title, ''::tsvector)
                                       || coalesce(e.body, ''::tsvector))) AS word
            WHERE t.app_label = 'offers' AND t.model = 'offerpage'
            """
        )
        for page_id, word in cursor.fetchall():
            words.setdefault(page_id, set()).add(word)
    return words


def stored_words() -> dict[int, set[str]]:
    words: dict[int, set[str]] = {}
    for page_id, word in OfferWord.objects.values_list("page_id", "lexeme"):
        words.setdefault(page_id, set()).add(word)
    return words


def test_the_words_follow_the_index(catalogue):
    offer = catalogue.offers["Python developer"]
    assert stored_words() == index_words()
    assert "python" in stored_words()[offer.pk]

    offer.title = "Kotlin developer"
    offer.save_revision().publish()
    assert stored_words() == index_words()
    assert "kotlin" in stored_words()[offer.pk]

    # Wagtail's backend updates every entry's title norm now and then: the
    # words are not rewritten for that.
    IndexEntry.objects.update(title_norm=0.5)
    assert stored_words() == index_words()

    offer.delete()
    assert offer.pk not in stored_words()
    assert stored_words() == index_words()


def found(query: str) -> set[int]:
    ids = search.postgres_search_subquery(OfferPage, query)
    return set(OfferPage.objects.filter(pk__in=ids).values_list("pk", flat=True))


def matched_by_vectors(query: str, monkeypatch) -> set[int]:
    """What the search finds matching every vector (no word table)."""
    with monkeypatch.context() as patch:
        patch.setattr(search, "single_lexeme", lambda config, term: None)
        return found(query)


def test_a_search_through_the_words_finds_what_the_vectors_find(catalogue, monkeypatch):
    assert OfferWord.objects.exists()
    for query in QUERIES:
        assert found(query) == matched_by_vectors(query, monkeypatch), query
    # The comparison is not between empty sets.
    assert len(found("developer")) > 1
    assert found("python developer") < found("developer")


def test_single_lexemes():
    config = search.get_search_backend().config
    assert search.single_lexeme(config, "Developers") == "develop"
    assert search.single_lexeme(config, "the") is None
    assert search.single_lexeme(config, "c++") == "c"


def test_searching_a_word_reads_the_word_table(catalogue):
    ids = search.postgres_search_subquery(OfferPage, "developer")
    assert OfferWord._meta.db_table in str(ids.query)
    assert IndexEntry._meta.db_table not in str(ids.query)
    mixed = search.postgres_search_subquery(OfferPage, "developer the")
    assert OfferWord._meta.db_table in str(mixed.query)
    assert IndexEntry._meta.db_table in str(mixed.query)
