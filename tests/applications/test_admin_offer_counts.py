"""The offer list of the admin (exploring the offer index) shows HR how many sent
applications each offer has and how many are new since the recruiter last opened
the applications list, in a number of queries that does not grow with the offers;
content editors never see the column."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.choices import Status
from applications.factories import ApplicationFactory
from applications.models import ReviewerVisit
from offers.factories import OfferPageFactory

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")
# Wagtail's explorer of a parent page with its specific pages, plus the one
# grouped count of the applications of the offers shown and the recruiter's last
# visit of the applications list; with wagtail-localize, the locales and the
# pages' translations its explorer shows (four queries).
EXPLORER_QUERIES = 35


def sent(offer, hours_ago: float, status: str = Status.SUBMITTED):
    return ApplicationFactory(
        offer=offer,
        status=status,
        submitted_at=timezone.now() - timedelta(hours=hours_ago),
    )


class OfferCountsTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        sent(cls.offer, hours_ago=72)
        sent(cls.offer, hours_ago=1, status=Status.INTERVIEW)
        ApplicationFactory(offer=cls.offer)  # a draft: never counted
        sent(cls.closed_offer, hours_ago=48)
        cls.empty_offer = OfferPageFactory(
            parent=cls.index, title="Quiet offer", slug="quiet-offer"
        )

    def explore(self, user=None, suffix: str = "/"):
        self.client.force_login(user or self.hr)
        response = self.client.get(
            reverse("wagtailadmin_explore", args=[self.index.pk]) + suffix.lstrip("/")
        )
        self.assertEqual(response.status_code, 200)
        return response

    def set_last_visit(self, hours_ago: float) -> None:
        ReviewerVisit.objects.update_or_create(
            user=self.hr,
            defaults={
                "applications_seen_at": timezone.now() - timedelta(hours=hours_ago)
            },
        )

    def link(self, offer) -> str:
        return f'href="{INDEX}?offer={offer.pk}"'

    def test_counts_of_sent_applications_link_to_the_filtered_list(self):
        response = self.explore()
        self.assertRegex(
            response.content.decode(), r'<th class="offer-applications">\s*Applications'
        )
        self.assertContains(response, self.link(self.offer))
        self.assertContains(response, "2 applications")
        self.assertContains(response, self.link(self.closed_offer))
        self.assertContains(response, "1 application<")
        self.assertNotContains(response, self.link(self.empty_offer))
        self.assertContains(response, "No application")
        # Never seen the list: every application is new.
        self.assertContains(response, "2 new")
        self.assertContains(response, "1 new")

    def test_new_counts_follow_the_last_visit_of_the_list(self):
        self.client.force_login(self.hr)
        self.set_last_visit(hours_ago=24)
        response = self.explore()
        self.assertContains(response, "data-new-count", count=1)
        self.assertContains(response, "1 new")
        # Opening the list marks the visit: nothing is new any more...
        self.client.get(INDEX)
        self.assertNotContains(self.explore(), "data-new-count")
        # ...until an application comes in.
        sent(self.closed_offer, hours_ago=-0.01)
        response = self.explore()
        self.assertContains(response, "data-new-count", count=1)
        self.assertContains(response, "2 applications", count=2)

    def test_the_last_visit_outlives_the_session(self):
        self.client.force_login(self.hr)
        self.client.get(INDEX)
        self.client.logout()
        self.assertNotContains(self.explore(), "data-new-count")

    def test_the_linked_list_shows_the_offer_applications(self):
        self.client.force_login(self.hr)
        response = self.client.get(f"{INDEX}?offer={self.offer.pk}")
        self.assertContains(response, '"field-title title">Python developer<', count=2)
        self.assertNotContains(response, '"field-title title">Closed job<')

    def test_the_results_view_and_a_search_keep_the_column(self):
        self.client.force_login(self.hr)
        response = self.client.get(
            reverse("wagtailadmin_explore_results", args=[self.index.pk])
        )
        self.assertContains(response, "2 applications")
        response = self.explore(suffix="?q=python")
        self.assertContains(response, "2 applications")
        self.assertNotContains(response, "1 application<")

    def test_editors_do_not_see_the_counts(self):
        response = self.explore(self.editor)
        self.assertContains(response, "Python developer")
        self.assertNotContains(response, "offer-applications")
        self.assertNotContains(response, INDEX)
        self.assertNotContains(response, "2 applications")

    def test_queries_do_not_grow_with_the_offers(self):
        self.client.force_login(self.hr)
        self.set_last_visit(hours_ago=24)
        url = reverse("wagtailadmin_explore", args=[self.index.pk])
        self.client.get(url)  # warm the per-process caches
        with self.assertNumQueries(EXPLORER_QUERIES):
            response = self.client.get(url)
        self.assertContains(response, "data-application-count", count=3)
        for number in range(17):
            offer = OfferPageFactory(
                parent=self.index, title=f"Welder {number}", slug=f"welder-{number}"
            )
            sent(offer, hours_ago=number)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertContains(response, "data-application-count", count=20)
        self.assertEqual(len(queries), EXPLORER_QUERIES)
