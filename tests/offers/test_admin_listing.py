"""The offer list HR explores in the admin: closing dates as dates, a real
"Updated" column, sorting that survives a search, and the job-board feed's
address at hand."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone
from django.utils.formats import date_format

from candidates.factories import UserFactory
from home.groups import HR_RECRUITERS
from offers.models import OfferPage

from .catalogue import build_catalogue


class OfferListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        cls.recruiter = UserFactory(username="hugo", groups=[HR_RECRUITERS])

    def setUp(self):
        self.client.force_login(self.recruiter)
        self.url = f"/admin/pages/{self.catalogue.index.pk}/"

    def row_of(self, html: str, title: str) -> str:
        """The table row of the offer titled ``title``."""
        start = html.index(f"{title}\n")
        return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]

    def test_closing_dates_show_as_dates(self):
        html = self.client.get(self.url).content.decode()
        offer = self.catalogue.offers["Python developer"]
        row = self.row_of(html, "Python developer")
        self.assertIn(date_format(offer.closing_date, "DATE_FORMAT"), row)
        self.assertIn(f'datetime="{offer.closing_date.isoformat()}"', row)
        self.assertNotIn("Just now", html)
        # No closing date: a dash; a passed one: said so.
        self.assertIn("—", self.row_of(html, "Site reliability engineer"))
        self.assertIn("passed", self.row_of(html, "Expired python tester"))
        self.assertNotIn("passed", row)

    def test_updated_column_has_a_value(self):
        html = self.client.get(self.url).content.decode()
        # Offers written outside the editor have no revision: their publication.
        row = self.row_of(html, "Python developer")
        updated = re.findall(r'<time class="w-human-readable-date__date"', row)
        self.assertEqual(len(updated), 1)
        # One edited in the admin: its latest revision.
        offer = OfferPage.objects.get(title="Sales assistant")
        offer.save_revision(user=self.recruiter)
        offer.refresh_from_db()
        row = self.row_of(self.client.get(self.url).content.decode(), offer.title)
        self.assertIn(
            timezone.localtime(offer.latest_revision_created_at).date().isoformat(),
            row,
        )

    def test_sorted_by_closing_date_and_by_update(self):
        response = self.client.get(self.url + "?ordering=closing_date")
        titles = [page.title for page in response.context["pages"]]
        self.assertLess(
            titles.index("Expired python tester"), titles.index("Python developer")
        )
        OfferPage.objects.filter(title="Key account manager").update(
            last_published_at=timezone.now() + timedelta(hours=1)
        )
        response = self.client.get(self.url + "?ordering=-latest_revision_created_at")
        self.assertEqual(response.status_code, 200)

    def test_a_search_sorted_by_a_column_the_index_lacks_still_answers(self):
        for ordering in ("closing_date", "-reference", "latest_revision_created_at"):
            with self.subTest(ordering=ordering):
                response = self.client.get(f"{self.url}?q=python&ordering={ordering}")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Python developer")

    def test_job_board_feed_address_is_at_hand(self):
        response = self.client.get(self.url)
        self.assertContains(response, "http://localhost/en/offers/job-board-feed/")
        self.assertContains(response, "Job-board feed (XML)")
        offer = self.catalogue.offers["Python developer"]
        response = self.client.get(f"/admin/pages/{offer.pk}/edit/")
        self.assertNotContains(response, "job-board-feed")
