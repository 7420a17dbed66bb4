"""The listing at /offers/: search, filters and their counts, sorting, pages, junk."""

from __future__ import annotations

import re
from html import unescape

from django.test import TestCase
from django.urls import NoReverseMatch, reverse

from offers.models import OfferPage

from .catalogue import CLOSED_TITLES, OPEN_TITLES, build_catalogue


def titles(html: str) -> list[str]:
    """The offer titles of the results, in order."""
    results = html[html.index('id="results-title"') :]
    return [
        unescape(title)
        for title in re.findall(
            r'offer-card__title"><a href="[^"]+">([^<]+)</a>', results
        )
    ]


class ListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def get(self, query: str = "", status: int = 200) -> str:
        response = self.client.get(f"/en/offers/{query}")
        self.assertEqual(response.status_code, status)
        return response.content.decode()

    def test_lists_open_offers_newest_first(self):
        html = self.get()
        self.assertEqual(titles(html), OPEN_TITLES)
        self.assertIn("7 open offers", html)
        for title in CLOSED_TITLES:
            self.assertNotIn(title, html)

    def test_closing_soon_sort(self):
        html = self.get("?sort=closing")
        self.assertEqual(
            titles(html),
            [
                "Software intern",  # today
                "Frontend developer",  # in 5 days
                "Python developer",  # in 30 days
                "Account executive",  # in 60 days
                # no closing date: newest first
                "Site reliability engineer",
                "Sales assistant",
                "Key account manager",
            ],
        )

    def test_unknown_sort_falls_back_to_newest(self):
        self.assertEqual(titles(self.get("?sort=price")), OPEN_TITLES)

    def test_filter_by_family(self):
        self.assertEqual(
            titles(self.get("?family=sales")),
            ["Account executive", "Sales assistant", "Key account manager"],
        )

    def test_filter_by_location_includes_offers_in_several_places(self):
        self.assertEqual(
            titles(self.get("?location=paris")),
            ["Frontend developer", "Software intern", "Sales assistant"],
        )

    def test_filter_by_contract_type(self):
        self.assertEqual(
            titles(self.get("?contract=permanent")),
            ["Python developer", "Site reliability engineer", "Account executive"],
        )

    def test_filter_by_remote_work(self):
        self.assertEqual(
            titles(self.get("?remote=hybrid&remote=full_remote")),
            ["Python developer", "Site reliability engineer", "Account executive"],
        )

    def test_choices_of_one_filter_add_up_and_filters_combine(self):
        self.assertEqual(
            titles(self.get("?location=lyon&location=brussels")),
            [
                "Python developer",
                "Frontend developer",
                "Account executive",
                "Key account manager",
            ],
        )
        self.assertEqual(
            titles(self.get("?location=lyon&location=brussels&family=sales")),
            ["Account executive", "Key account manager"],
        )
        self.assertEqual(
            titles(self.get("?family=engineering&contract=permanent&remote=hybrid")),
            ["Python developer"],
        )

    def test_search_title_body_reference_and_place(self):
        self.assertEqual(titles(self.get("?q=developer")), OPEN_TITLES[:2])
        self.assertEqual(titles(self.get("?q=negotiation")), ["Sales assistant"])
        self.assertEqual(titles(self.get("?q=KAM-2026-7")), ["Key account manager"])
        self.assertEqual(titles(self.get("?q=Brussels")), ["Account executive"])

    def test_search_needs_every_word(self):
        self.assertEqual(titles(self.get("?q=python+developer")), ["Python developer"])
        self.assertEqual(titles(self.get("?q=python+accountant")), [])

    def test_search_never_shows_closed_offers(self):
        self.assertEqual(titles(self.get("?q=python")), ["Python developer"])

    def test_search_combined_with_filters(self):
        self.assertEqual(
            titles(self.get("?q=developer&location=paris")), ["Frontend developer"]
        )
        self.assertEqual(titles(self.get("?q=developer&family=sales")), [])
        self.assertEqual(
            titles(self.get("?q=paris&contract=internship")), ["Software intern"]
        )

    def test_counts_beside_each_choice(self):
        html = self.get("?family=engineering")
        # Its own filter counts all families, given the other filters (none)...
        self.assertIn("Engineering (4)", html)
        self.assertIn("Sales (3)", html)
        # ...the others count within the chosen family.
        self.assertIn("Lyon, France (2)", html)
        self.assertIn("Paris, France (2)", html)
        self.assertNotIn("Brussels, Belgium", html)  # nothing there: not offered
        self.assertIn("Permanent (2)", html)
        self.assertIn("Full remote (1)", html)
        # A family without open offers is not offered.
        self.assertNotIn("Design (", html)

    def test_counts_follow_the_search(self):
        html = self.get("?q=developer")
        self.assertIn("Engineering (2)", html)
        self.assertNotIn("Sales (", html)
        self.assertIn("Lyon, France (2)", html)

    def test_chosen_filters_are_ticked_and_can_be_removed(self):
        html = self.get("?q=developer&family=engineering&location=lyon")
        self.assertRegex(html, r'value="engineering"[^>]*checked')
        self.assertRegex(html, r'value="lyon"[^>]*checked')
        self.assertIn('value="developer"', html)
        # Removing the place keeps the search and the family.
        self.assertIn('href="?q=developer&amp;family=engineering"', html)
        # The filters never come back open: on a phone they would cover the
        # results (a wide screen shows them whatever the state of the details).
        self.assertIn('<details class="offer-filters" data-offer-filters>', html)
        self.assertIn('Filters <span class="offer-filters__count">(2)</span>', html)

    def test_form_works_without_javascript(self):
        html = self.get()
        self.assertIn(
            '<form class="offer-search" action="/en/offers/" method="get"', html
        )
        self.assertIn('type="submit"', html)

    def test_empty_result_offers_an_alert_and_a_speculative_application(self):
        html = self.get("?q=astronaut&location=paris")
        self.assertEqual(titles(html), [])
        self.assertIn("No open offer matches your search", html)
        self.assertIn("Create an alert for this search", html)
        self.assertIn("Send a speculative application", html)
        # The alert form and the speculative application once they exist,
        # sign-up until then.
        try:
            alert = reverse("alerts:create") + "?q=astronaut&amp;location=paris"
        except NoReverseMatch:
            alert = "/en/account/signup/"
        try:
            speculative = reverse("applications:speculative")
        except NoReverseMatch:
            speculative = "/en/account/signup/"
        self.assertIn(f'href="{alert}"', html)
        self.assertIn(f'href="{speculative}"', html)

    def test_unknown_filter_values_are_ignored(self):
        html = self.get("?family=astronauts&location=mars&contract=slave&remote=moon")
        self.assertEqual(titles(html), OPEN_TITLES)
        main = html[html.index("<main") : html.index("</main>")]
        self.assertNotIn("astronauts", main)

    def test_junk_never_breaks_the_page(self):
        for query in [
            "?q=" + "x" * 5000,
            "?q=" + "développeur " * 600,
            '?q="unclosed',
            "?q=a*+OR+(b+AND+-c)+NEAR/2:d",
            "?q=%00%01",
            "?q=&q=python&q=tester",
            "?page=abc",
            "?page=-1",
            "?page=99999",
            "?page=1.5",
            "?family=&location=&contract=",
            "?sort=&page=",
        ]:
            with self.subTest(query=query):
                self.get(query)

    def test_long_query_is_cut(self):
        html = self.get("?q=" + "python" * 1000)
        match = re.search(r'name="q" value="([^"]*)"', html)
        self.assertIsNotNone(match)
        self.assertLessEqual(len(match.group(1)), 100)

    def test_feed_link_carries_the_search(self):
        html = self.get("?q=developer&family=engineering")
        self.assertIn(
            'href="/en/offers/feed/?q=developer&amp;family=engineering"', html
        )
        self.assertIn('type="application/rss+xml"', html)


class PaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        for number in range(1, 24):  # 7 + 23 = 30 open offers: two pages
            cls.catalogue.add(
                f"Extra developer {number}",
                days_ago=10 + number,
                job_family=cls.catalogue.families["engineering"],
            )

    def test_first_page_has_twenty_offers_and_a_next_link(self):
        html = self.client.get("/en/offers/").content.decode()
        self.assertEqual(len(titles(html)), 20)
        self.assertIn("Page 1 of 2", html)
        self.assertIn('rel="next" href="?page=2"', html)
        self.assertNotIn('rel="prev"', html)

    def test_second_page_keeps_the_search_state(self):
        html = self.client.get(
            "/en/offers/?q=developer&family=engineering&sort=closing&page=2"
        ).content.decode()
        self.assertIn("Page 2 of 2", html)
        self.assertIn(
            'rel="prev" href="?q=developer&amp;family=engineering&amp;sort=closing'
            '&amp;page=1"',
            html,
        )
        self.assertEqual(len(titles(html)), 5)  # 25 developers in all

    def test_out_of_range_pages_show_the_nearest_page(self):
        last = self.client.get("/en/offers/?page=99").content.decode()
        self.assertIn("Page 2 of 2", last)
        first = self.client.get("/en/offers/?page=abc").content.decode()
        self.assertIn("Page 1 of 2", first)
        self.assertEqual(titles(first)[0], "Python developer")

    def test_filtered_and_later_pages_are_not_indexed(self):
        self.assertNotIn("noindex", self.client.get("/en/offers/").content.decode())
        for query in ("?page=2", "?family=sales"):
            html = self.client.get(f"/en/offers/{query}").content.decode()
            self.assertIn('<meta name="robots" content="noindex, follow">', html)


class EmptyIndexTests(TestCase):
    def test_no_offer_at_all(self):
        from home.factories import make_site_root
        from offers.factories import OfferIndexPageFactory

        OfferIndexPageFactory(parent=make_site_root())
        html = self.client.get("/en/offers/").content.decode()
        self.assertIn("There is no open offer at the moment.", html)
        self.assertIn("Create an alert for this search", html)
        self.assertEqual(OfferPage.objects.count(), 0)
