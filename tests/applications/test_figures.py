"""HR's figures from known data (per stage, new this week, median days to a
decision, sources), their CSV and chart; and how the source of an application is
captured (the apply link carries it; the offer page itself is cached)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.choices import Source, Status
from applications.factories import ApplicationFactory
from applications.figures import compute_figures
from applications.models import Application, Stage
from applications.sources import normalise_source
from candidates.factories import EmailAddressFactory, UserFactory

from .world import ApplicationsTestCase, upload

FIGURES = reverse("applications_figures")


def stage(name: str) -> Stage:
    return Stage.objects.get(name=name)


class FiguresTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.now = timezone.now()
        # Five applications sent 20, 15, 10, 3 and 1 days ago; three decided after
        # 4, 10 and 6 days: median 6.
        plan = [
            (20, Source.LINKEDIN, "Hired", 4),
            (15, Source.LINKEDIN, "Not selected", 10),
            (10, Source.INDEED, "Not selected", 6),
            (3, Source.EMAIL_ALERT, "Interview", None),
            (1, "", None, None),
        ]
        cls.applications = []
        for days, source, target, decided_after in plan:
            application = ApplicationFactory(
                offer=cls.offer if days != 15 else cls.closed_offer,
                status=Status.SUBMITTED,
                submitted_at=cls.now - timedelta(days=days),
                source=source,
            )
            if target:
                change = services.move_to_stage(
                    application, stage(target), cls.hr, notify=False
                )
                if decided_after is not None:
                    change.changed_at = application.submitted_at + timedelta(
                        days=decided_after
                    )
                    change.save()
            cls.applications.append(application)

    def test_overall_figures(self):
        figures = compute_figures(now=self.now)
        self.assertEqual(figures.total, 5)
        self.assertEqual(figures.new_this_week, 2)
        self.assertEqual(figures.decided, 3)
        self.assertEqual(figures.median_days, 6.0)
        self.assertEqual(
            [(bar.label, bar.count) for bar in figures.stages],
            [
                ("New", 1),
                ("Screening", 0),
                ("Interview", 1),
                ("Offer", 0),
                ("Hired", 1),
                ("Not selected", 2),
            ],
        )
        self.assertEqual(figures.stages[-1].percent, 100)
        self.assertEqual(figures.stages[0].percent, 50)
        self.assertEqual(
            [(bar.label, bar.count) for bar in figures.sources],
            [
                ("Careers site", 0),
                ("LinkedIn", 2),
                ("Indeed", 1),
                ("E-mail alert", 1),
                ("Other", 1),  # not recorded counts as other
            ],
        )

    def test_figures_of_one_offer(self):
        figures = compute_figures(self.offer.pk, now=self.now)
        self.assertEqual((figures.total, figures.decided), (4, 2))
        self.assertEqual(figures.median_days, 5.0)  # 4 and 6

    def test_the_page_the_chart_and_the_csv(self):
        self.client.force_login(self.hr)
        response = self.client.get(FIGURES)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<dd data-figure="total">5</dd>', html=False)
        self.assertContains(response, "6.0 days")
        self.assertContains(response, '<svg class="bar-chart" role="img"', count=2)
        self.assertNotContains(response, '<script src="http')
        response = self.client.get(FIGURES + f"?offer={self.offer.pk}")
        self.assertContains(response, '<dd data-figure="total">4</dd>', html=False)
        self.assertContains(
            response, reverse("applications_board", args=[self.offer.pk])
        )
        response = self.client.get(FIGURES + "?format=csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertIn(["Applications", "", "5"], rows)
        self.assertIn(["Median days from received to a decision", "", "6.0"], rows)
        self.assertIn(["Stage", "Not selected", "2"], rows)
        self.assertIn(["Source", "LinkedIn", "2"], rows)

    def test_an_unknown_offer_is_not_found(self):
        self.client.force_login(self.hr)
        self.assertEqual(self.client.get(FIGURES + "?offer=999999").status_code, 404)
        # Not a number: the overall figures.
        self.assertEqual(self.client.get(FIGURES + "?offer=abc").status_code, 200)

    def test_no_decision_yet(self):
        Application.objects.all().delete()
        figures = compute_figures(now=self.now)
        self.assertEqual((figures.total, figures.median_days), (0, None))
        self.client.force_login(self.hr)
        self.assertContains(self.client.get(FIGURES), '<dd data-figure="median">—</dd>')


class SourceTests(SimpleTestCase):
    def test_normalise_source(self):
        for value, expected in [
            ("linkedin", Source.LINKEDIN),
            ("www.linkedin.com", Source.LINKEDIN),
            ("lnkd.in", Source.LINKEDIN),
            ("fr.indeed.com", Source.INDEED),
            ("Indeed", Source.INDEED),
            ("alert", Source.EMAIL_ALERT),
            ("careers.example.org", Source.CAREERS_SITE),
            ("careers.example.org:8000", Source.CAREERS_SITE),
            ("jooble", Source.OTHER),
            ("notindeed.example", Source.OTHER),
            ("", ""),
        ]:
            with self.subTest(value):
                self.assertEqual(
                    normalise_source(value, "careers.example.org"), expected
                )


class SourceCaptureTests(ApplicationsTestCase):
    def test_the_apply_link_carries_the_source_to_the_application(self):
        candidate = UserFactory(email="sam@example.org", first_name="Sam")
        EmailAddressFactory(user=candidate)
        self.client.force_login(candidate)
        apply_url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        self.client.get(apply_url + "?source=www.linkedin.com")
        response = self.client.post(
            apply_url,
            {
                "first_name": "Sam",
                "last_name": "Doe",
                "cv_upload": upload(),
                "submit": "1",
            },
        )
        self.assertEqual(response.status_code, 302)
        application = Application.objects.get(candidate=candidate)
        self.assertEqual(application.source, Source.LINKEDIN)
        self.assertEqual(application.stage, stage("New"))

    def test_the_offer_page_script_tags_the_apply_links(self):
        response = self.client.get(self.offer.url)
        self.assertContains(response, "data-apply-link", count=2)
        self.assertContains(response, "js/offers.js")
