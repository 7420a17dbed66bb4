"""The listing says what it shows: its heading, the chips that remove the search
word or a filter, the "Filters (n)" button and "Show N offers"."""

from __future__ import annotations

from html import unescape

from django.http import QueryDict
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale

from offers.search import OfferSearch, either

from .catalogue import build_catalogue

NBSP = "\u00a0"


class ListingHeadingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def search(self, query: str) -> OfferSearch:
        return OfferSearch(QueryDict(query), self.catalogue.index.locale_id)

    def heading(self, query: str, count: int, language: str = "en") -> str:
        with translation.override(language):
            return self.search(query).heading(count)

    def test_headings_in_english(self):
        cases = [
            ("", 7, "7 open offers"),
            ("", 1, "1 open offer"),
            ("q=python", 12, "12 offers for “python”"),
            ("q=python", 1, "1 offer for “python”"),
            ("q=python&location=lyon", 12, "12 offers for “python” in Lyon"),
            ("family=engineering", 3, "3 offers in Engineering"),
            ("location=lyon&location=paris", 0, "0 offers in Lyon or Paris"),
            (
                "family=engineering&family=sales&location=lyon",
                1,
                "1 offer in Engineering or Sales, in Lyon",
            ),
            (
                "q=python&family=engineering&location=lyon",
                2,
                "2 offers for “python” in Engineering, in Lyon",
            ),
            (
                "q=python&family=engineering",
                1234,
                "1,234 offers for “python” in Engineering",
            ),
            # Contract and remote work are said by their chips, not the heading.
            ("contract=permanent", 3, "3 open offers"),
        ]
        for query, count, expected in cases:
            with self.subTest(query=query, count=count):
                self.assertEqual(self.heading(query, count), expected)

    def test_headings_in_french(self):
        cases = [
            ("", 0, "0 offre ouverte"),
            ("", 1, "1 offre ouverte"),
            ("", 2, "2 offres ouvertes"),
            ("q=python", 1, f"1 offre pour «{NBSP}python{NBSP}»"),
            (
                "q=python&location=lyon",
                12,
                f"12 offres pour «{NBSP}python{NBSP}» à Lyon",
            ),
            ("family=engineering", 3, "3 offres d'emploi Engineering"),
            ("location=lyon&location=paris", 0, "0 offre à Lyon ou Paris"),
            (
                "q=python&family=engineering&location=paris",
                2,
                f"2 offres d'emploi Engineering pour «{NBSP}python{NBSP}» à Paris",
            ),
        ]
        for query, count, expected in cases:
            with self.subTest(query=query, count=count):
                self.assertEqual(self.heading(query, count, "fr"), expected)

    def test_names_are_joined_as_alternatives(self):
        self.assertEqual(either([]), "")
        self.assertEqual(either(["Lyon"]), "Lyon")
        self.assertEqual(either(["Lyon", "Paris"]), "Lyon or Paris")
        self.assertEqual(either(["Lyon", "Nantes", "Paris"]), "Lyon, Nantes or Paris")
        with translation.override("fr"):
            self.assertEqual(either(["Lyon", "Paris"]), "Lyon ou Paris")

    def test_filters_count_the_choices_not_the_search_word(self):
        self.assertEqual(self.search("").filter_count, 0)
        self.assertEqual(self.search("q=python").filter_count, 0)
        self.assertEqual(
            self.search("q=python&location=lyon&location=paris").filter_count, 2
        )
        self.assertEqual(
            self.search("family=sales&contract=permanent&remote=hybrid").filter_count,
            3,
        )
        # Unknown values are dropped, and so not counted; the sort is no filter.
        self.assertEqual(
            self.search("location=atlantis&sort=closing&family=sales").filter_count, 1
        )

    def test_show_offers_label(self):
        search = self.search("")
        self.assertEqual(search.show_label(1), "Show 1 offer")
        self.assertEqual(search.show_label(12), "Show 12 offers")
        with translation.override("fr"):
            self.assertEqual(search.show_label(1), "Afficher 1 offre")
            self.assertEqual(search.show_label(12), "Afficher 12 offres")

    def test_the_search_word_is_a_chip_that_keeps_the_filters(self):
        search = self.search(
            "q=developer&family=engineering&location=lyon&sort=closing"
        )
        chips = dict(search.context()["active_filters"])
        self.assertEqual(
            chips["Keywords: developer"],
            "?family=engineering&location=lyon&sort=closing",
        )
        self.assertEqual(
            chips["Location: Lyon, France"],
            "?q=developer&family=engineering&sort=closing",
        )
        self.assertEqual(
            chips["Job family: Engineering"],
            "?q=developer&location=lyon&sort=closing",
        )

    def test_no_word_no_word_chip(self):
        chips = self.search("family=sales").context()["active_filters"]
        self.assertEqual([label for label, _url in chips], ["Job family: Sales"])

    def test_the_page_shows_heading_chips_and_buttons(self):
        response = self.client.get(
            self.catalogue.index.url + "?q=developer&location=lyon"
        )
        html = unescape(response.content.decode())
        self.assertIn(
            '<h2 id="results-title" class="offer-results__title">'
            "2 offers for “developer” in Lyon</h2>",
            html,
        )
        self.assertIn('<a href="?location=lyon">Keywords: developer', html)
        self.assertIn('<a href="?q=developer">Location: Lyon, France', html)
        self.assertIn('Filters <span class="offer-filters__count">(1)</span>', html)
        self.assertIn("data-show-offers>Show 2 offers</button>", html)

    def test_the_page_in_french(self):
        french_locale = Locale.objects.get_or_create(language_code="fr")[0]
        french = self.catalogue.index.copy_for_translation(
            french_locale, copy_parents=True
        )
        french.save_revision().publish()
        with translation.override("fr"):
            response = self.client.get(french.url + "?q=developer")
        html = unescape(response.content.decode())
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"0 offre pour «{NBSP}developer{NBSP}»", html)
        self.assertIn("Afficher 0 offre", html)
        self.assertIn(f'<a href="?">Mots-clés{NBSP}: developer', html)
