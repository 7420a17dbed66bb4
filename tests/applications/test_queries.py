"""Queries of HR's board and figures do not grow with the number of
applications (2 against 12), pinned."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications import services
from applications.choices import Source, Status
from applications.factories import ApplicationFactory
from applications.models import Stage

from .world import ApplicationsTestCase

# The admin's own (session, user, its permissions twice, its profile, the
# locales, page and collection permissions and the menu's checks: 10), the
# offer, the stages, the applications with their candidates and stages.
BOARD_QUERIES = 13
# The admin's own (10), the totals, the counts per stage, the stages, the counts
# per source, the first decisions, the offers of the selector; for one offer,
# the offer too.
FIGURES_QUERIES = 16


class QueryPinTests(ApplicationsTestCase):
    def add(self, count: int) -> None:
        stages = list(Stage.objects.order_by("sort_order", "pk"))
        for number in range(count):
            application = ApplicationFactory(
                offer=self.offer, status=Status.SUBMITTED, source=Source.LINKEDIN
            )
            target = stages[number % len(stages)]
            if target != application.stage:
                services.move_to_stage(application, target, self.hr, notify=False)

    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_board_and_figures(self):
        self.client.force_login(self.hr)
        board = reverse("applications_board", args=[self.offer.pk])
        figures = reverse("applications_figures")
        offer_figures = figures + f"?offer={self.offer.pk}"
        self.add(2)
        self.client.get(board)  # the session's first admin request reads more
        few = [self.count(url) for url in (board, figures, offer_figures)]
        self.add(10)
        many = [self.count(url) for url in (board, figures, offer_figures)]
        self.assertEqual(few, many)
        self.assertEqual(many, [BOARD_QUERIES, FIGURES_QUERIES, FIGURES_QUERIES + 1])
