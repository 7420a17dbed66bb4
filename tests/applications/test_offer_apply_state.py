"""The offer page tells a logged-in candidate where they stand with it: "You applied
on <date>" with a link to the application, or "Finish your application" for a
draft, in place of Apply. Anonymous visitors get the same page for everyone, from
the page cache; logged-in candidates never get a cached copy."""

from __future__ import annotations

from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone

from applications.choices import Status
from applications.models import Application
from home.page_cache import STATUS_HEADER

from .world import ApplicationsTestCase


def apply_buttons(html: str, offer) -> int:
    return html.count(f'href="{offer.apply_url()}"')


class OfferApplyStateTests(ApplicationsTestCase):
    def application(self, status: str = Status.SUBMITTED, offer=None, **kwargs):
        now = timezone.now()
        return Application.objects.create(
            candidate=self.candidate,
            offer=offer or self.offer,
            first_name="Jane",
            last_name="Doe",
            status=status,
            submitted_at=None if status == Status.DRAFT else now,
            **kwargs,
        )

    def page(self, offer=None) -> str:
        response = self.client.get((offer or self.offer).url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_visitor_and_a_candidate_without_an_application_get_apply(self):
        for user in (None, self.other):
            with self.subTest(user=user):
                if user:
                    self.client.force_login(user)
                html = self.page()
                self.assertEqual(apply_buttons(html, self.offer), 2)
                self.assertIn("page-offer--apply-bar", html)
                self.assertNotIn("You applied on", html)
                self.assertNotIn("data-applied", html)

    def test_a_candidate_who_applied_sees_when_and_a_link_to_it(self):
        application = self.application()
        self.client.force_login(self.candidate)
        html = self.page()
        day = formats.date_format(
            timezone.localtime(application.submitted_at), "DATE_FORMAT"
        )
        self.assertIn(f"You applied on {day}.", html)
        self.assertIn(
            f'href="{reverse("applications:detail", args=[application.pk])}"', html
        )
        self.assertIn("See my application", html)
        self.assertEqual(apply_buttons(html, self.offer), 0)
        self.assertNotIn("page-offer--apply-bar", html)

    def test_a_withdrawn_application_still_says_when_it_was_sent(self):
        self.application(status=Status.WITHDRAWN)
        self.client.force_login(self.candidate)
        html = self.page()
        self.assertIn("You applied on", html)
        self.assertEqual(apply_buttons(html, self.offer), 0)

    def test_a_draft_asks_to_finish_the_application(self):
        self.application(status=Status.DRAFT)
        self.client.force_login(self.candidate)
        html = self.page()
        self.assertIn("Finish your application", html)
        self.assertIn("You started an application on", html)
        self.assertNotIn("You applied on", html)
        # One link to the form, in the apply bar; no second "Apply for this offer".
        self.assertEqual(apply_buttons(html, self.offer), 1)
        self.assertNotIn("Apply for this offer", html)
        self.assertIn("page-offer--apply-bar", html)

    def test_a_draft_of_a_closed_offer_asks_nothing(self):
        self.application(status=Status.DRAFT, offer=self.closed_offer)
        self.client.force_login(self.candidate)
        html = self.page(self.closed_offer)
        self.assertNotIn("Finish your application", html)
        self.assertIn("This offer is closed", html)

    def test_another_candidates_application_changes_nothing(self):
        self.application()
        self.client.force_login(self.other)
        html = self.page()
        self.assertNotIn("You applied on", html)
        self.assertEqual(apply_buttons(html, self.offer), 2)

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_the_cached_page_of_visitors_is_never_served_to_a_candidate(self):
        caches["pages"].clear()
        self.addCleanup(caches["pages"].clear)
        self.application()
        first = self.client.get(self.offer.url)
        second = self.client.get(self.offer.url)
        self.assertEqual(first[STATUS_HEADER], "miss")
        self.assertEqual(second[STATUS_HEADER], "hit")
        self.assertNotIn("You applied on", second.content.decode())

        self.client.force_login(self.candidate)
        response = self.client.get(self.offer.url)
        self.assertNotEqual(response[STATUS_HEADER], "hit")
        self.assertIn("You applied on", response.content.decode())
        self.assertIn("private", response.get("Cache-Control", ""))

    def test_the_back_link_leads_to_the_listing(self):
        html = self.page()
        self.assertIn(f'href="{self.index.url}" data-back-to-results', html)
        self.assertIn("Back to results", html)
