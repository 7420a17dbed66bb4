"""What HR reads in the admin: an offer's applications are titled after the
offer, and candidates are called candidates, while staff accounts stay users."""

from __future__ import annotations

import re

from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")
CANDIDATES = reverse("candidates_user_modeladmin_index")


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def heading_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1])


def main_of(html: str) -> str:
    """The text of the page's own content, without the menu, settings or tags."""
    return re.sub(r"<[^>]*>", " ", re.search(r"<main .*?</main>", html, re.S)[0])


class AdminNamingTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sent = ApplicationFactory(
            candidate=cls.candidate, offer=cls.offer, status=Status.SUBMITTED
        )

    def setUp(self):
        super().setUp()
        self.client.force_login(self.hr)

    def test_the_list_of_an_offer_names_it(self):
        response = self.client.get(f"{INDEX}?offer={self.offer.pk}")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        named = f"Applications to Python developer ({self.offer.reference})"
        self.assertIn(named, heading_of(html))
        self.assertIn(named, title_of(html))
        self.assertContains(response, "Jane Doe")

    def test_other_lists_keep_their_title(self):
        for query in ("", "?status__exact=submitted", "?offer=abc", "?offer=999999"):
            with self.subTest(query=query):
                html = self.client.get(INDEX + query).content.decode()
                self.assertIn("Applications", heading_of(html))
                self.assertNotIn("Applications to", html)

    def test_the_offer_column_links_to_a_list_that_names_the_offer(self):
        listing = self.client.get(f"/admin/pages/{self.index.pk}/")
        link = re.search(
            rf'href="({re.escape(INDEX)}\?[^"]*offer={self.offer.pk}[^"]*)"',
            listing.content.decode(),
        )
        self.assertIsNotNone(link)
        response = self.client.get(link[1].replace("&amp;", "&"))
        self.assertContains(response, "Applications to Python developer")

    def test_candidates_are_called_candidates(self):
        html = self.client.get(CANDIDATES).content.decode()
        self.assertIn("Candidates", heading_of(html))
        self.assertIn("Candidates", title_of(html))
        self.assertIn('placeholder="Search candidates"', html)
        self.assertIn("2 candidates", main_of(html))
        self.assertNotRegex(main_of(html), r"\b[Uu]sers?\b")
        inspect = reverse(
            "candidates_user_modeladmin_inspect", args=[self.candidate.pk]
        )
        html = self.client.get(inspect).content.decode()
        self.assertIn("candidate", title_of(html))
        self.assertIn("Back to candidate list", html)
        self.assertNotRegex(title_of(html), r"\buser\b")

    def test_staff_accounts_stay_users(self):
        self.client.force_login(self.make_superuser())
        response = self.client.get(reverse("wagtailusers_users:index"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Users", title_of(html))
        self.assertIn("Users", heading_of(html))
        self.assertIn("5 users", main_of(html))
        self.assertNotIn("andidates selected", html)

    def make_superuser(self):
        from candidates.factories import UserFactory

        return UserFactory(username="root", is_staff=True, is_superuser=True)
