"""My space starts with the drafts to finish (one tap into the form), then the
applications with their status as a badge, in the public vocabulary; "My
applications" lists them as cards, drafts first. Every badge's text keeps the AA
contrast on its background."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory
from offers.factories import OfferPageFactory

from .world import ApplicationsTestCase

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class SpaceTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.sent = ApplicationFactory(
            candidate=self.candidate, offer=self.offer, status=Status.INTERVIEW
        )
        self.second = OfferPageFactory(parent=self.index, title="Data analyst")
        self.draft = ApplicationFactory(candidate=self.candidate, offer=self.second)
        # Saved after the draft: the most recent, yet shown after it.
        self.sent.save()
        ApplicationFactory(candidate=self.other, offer=self.second)

    def test_the_first_screen_shows_the_draft_first_then_the_badges(self):
        self.client.force_login(self.candidate)
        html = self.client.get(reverse("candidates:space")).content.decode()
        self.assertEqual(html.count("data-application"), 2)
        self.assertLess(
            html.index("data-space-drafts"), html.index("data-space-applications")
        )
        self.assertLess(html.index("Data analyst"), html.index("Python developer"))
        finish = html.index("data-finish")
        self.assertIn(f'href="{self.draft.apply_url()}"', html[finish - 200 : finish])
        self.assertIn('class="status status--interview"', html)
        self.assertIn(str(Status.INTERVIEW.label), html)
        self.assertIn(str(Status.DRAFT.label), html)
        # The menu comes after them.
        self.assertLess(html.index("data-space-applications"), html.index("space-menu"))

    def test_my_applications_are_cards_drafts_first(self):
        self.client.force_login(self.candidate)
        html = self.client.get(reverse("applications:list")).content.decode()
        self.assertNotIn("<table", html)
        self.assertEqual(html.count("data-application"), 2)
        self.assertLess(html.index("Data analyst"), html.index("Python developer"))
        self.assertIn("Finish your application", html)

    def test_the_space_reads_the_same_number_of_queries_whatever_the_count(self):
        self.client.force_login(self.candidate)
        url = reverse("candidates:space")
        self.client.get(url)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        few = count()
        for number in range(4):
            offer = OfferPageFactory(parent=self.index, title=f"Job {number}")
            ApplicationFactory(
                candidate=self.candidate, offer=offer, status=Status.SUBMITTED
            )
        self.assertEqual(count(), few)

    def test_a_draft_of_a_closed_offer_has_no_finish_link(self):
        self.draft.offer = self.closed_offer
        self.draft.save()
        self.client.force_login(self.candidate)
        html = self.client.get(reverse("candidates:space")).content.decode()
        self.assertNotIn("data-finish", html)


def test_every_status_badge_keeps_the_aa_contrast():
    css = SITE_CSS.read_text()
    wanted = {status.value for status in Status} | {"closed"}
    found = set()
    for selector, body in re.findall(r"((?:\.status--[a-z_]+,? ?)+)\{([^}]*)\}", css):
        background = re.search(r"background: (#[0-9a-f]{6})", body).group(1)
        colour = re.search(r"(?<!-)color: (#[0-9a-f]{6})", body).group(1)
        for name in re.findall(r"\.status--([a-z_]+)", selector):
            found.add(name)
            assert contrast(background, colour) >= 4.5, name
    assert wanted <= found
