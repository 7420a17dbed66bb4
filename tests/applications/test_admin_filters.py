"""The offer filter of HR's applications list: one offer's applications and no
other's, whatever an offer has among its drafts; unknown or malformed ids give an
empty list, never an error; it combines with the status filter and the search."""

from __future__ import annotations

from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory
from candidates.factories import UserFactory

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")


class OfferFilterTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.offer_a, cls.offer_b = cls.offer, cls.closed_offer
        ApplicationFactory(
            candidate=cls.candidate, offer=cls.offer_a, status=Status.SUBMITTED
        )
        # A draft on offer A: it once dropped the offer from the filter, which
        # was then skipped and its value ignored.
        ApplicationFactory(candidate=cls.other, offer=cls.offer_a)
        cls.carl = UserFactory(username="carl", first_name="Carl", last_name="Hale")
        cls.dana = UserFactory(username="dana", first_name="Dana", last_name="Vey")
        cls.carl_b = ApplicationFactory(
            candidate=cls.carl, offer=cls.offer_b, status=Status.IN_REVIEW
        )
        ApplicationFactory(
            candidate=cls.dana, offer=cls.offer_b, status=Status.SUBMITTED
        )

    def setUp(self):
        super().setUp()
        self.client.force_login(self.hr)

    def names(self, query: str) -> set[str]:
        """The candidates the list shows for ``query``."""
        response = self.client.get(f"{INDEX}?{query}")
        self.assertEqual(response.status_code, 200, query)
        content = response.content.decode()
        return {
            name for name in ("Jane Doe", "Carl Hale", "Dana Vey") if name in content
        }

    def test_every_offer_with_sent_applications_is_a_choice(self):
        response = self.client.get(INDEX)
        self.assertContains(response, f"?offer={self.offer_a.pk}")
        self.assertContains(response, f"?offer={self.offer_b.pk}")

    def test_an_offer_shows_its_applications_and_none_of_another(self):
        self.assertEqual(self.names(""), {"Jane Doe", "Carl Hale", "Dana Vey"})
        self.assertEqual(self.names(f"offer={self.offer_a.pk}"), {"Jane Doe"})
        self.assertEqual(
            self.names(f"offer={self.offer_b.pk}"), {"Carl Hale", "Dana Vey"}
        )

    def test_the_filter_holds_when_no_other_offer_is_a_choice(self):
        # Only offer A (with its draft) is left among the choices.
        self.carl_b.offer.applications.all().delete()
        self.assertEqual(self.names(f"offer={self.offer_b.pk}"), set())
        self.assertEqual(self.names(f"offer={self.offer_a.pk}"), {"Jane Doe"})

    def test_unknown_or_malformed_ids_give_an_empty_list(self):
        for value in [
            "999999",
            "0",
            "-1",
            "1.5",
            "1e3",
            "abc",
            "%00",
            "%D9%A1",  # an Arabic-Indic digit one
            "99999999999999999999999",
            f"{self.offer_a.pk}%20OR%201=1",
            "[]",
        ]:
            with self.subTest(value=value):
                self.assertEqual(self.names(f"offer={value}"), set())

    def test_an_empty_value_is_no_filter(self):
        self.assertEqual(self.names("offer="), {"Jane Doe", "Carl Hale", "Dana Vey"})

    def test_combined_with_status_and_search(self):
        offer_a, offer_b = self.offer_a.pk, self.offer_b.pk
        for query, expected in [
            (f"offer={offer_b}&status__exact=in_review", {"Carl Hale"}),
            (f"offer={offer_b}&status__exact=submitted", {"Dana Vey"}),
            (f"offer={offer_a}&status__exact=in_review", set()),
            (f"offer={offer_b}&q=dana", {"Dana Vey"}),
            (f"offer={offer_a}&q=carl", set()),
            (f"offer={offer_b}&q=carl&status__exact=in_review", {"Carl Hale"}),
            ("offer=abc&q=carl", set()),
        ]:
            with self.subTest(query=query):
                self.assertEqual(self.names(query), expected)

    def test_export_follows_the_offer_filter(self):
        response = self.client.get(f"{INDEX}?export=csv&offer={self.offer_b.pk}")
        lines = b"".join(response.streaming_content).decode().splitlines()
        self.assertEqual(len(lines), 3)
        self.assertFalse(any("Jane" in line for line in lines))

    def test_other_bad_filters_never_fail(self):
        for query in [
            "status__exact=zzz",
            "speculative__exact=maybe",
            "submitted_at__gte=garbage",
            "o=abc",
            "o=99.-1",
            "p=-3",
        ]:
            with self.subTest(query=query):
                response = self.client.get(f"{INDEX}?{query}")
                self.assertIn(response.status_code, (200, 302))
                if response.status_code == 302:
                    self.assertEqual(response["Location"], INDEX)

    def test_undeclared_lookups_are_refused(self):
        """No filter but the declared ones: the query string cannot probe a
        candidate's password hash, nor any other field."""
        prefix = self.candidate.password[:6]
        candidates = reverse("candidates_user_modeladmin_index")
        for url in [
            f"{INDEX}?candidate__password__startswith={prefix}",
            f"{INDEX}?candidate__email__contains=jane",
            f"{INDEX}?nonsense=1",
            f"{candidates}?password__startswith={prefix}",
            f"{candidates}?q=jane&email__startswith=jane",
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(
                    response, url.split("?")[0], fetch_redirect_response=False
                )
                response = self.client.get(response["Location"])
                self.assertContains(response, "These filters are not valid")
