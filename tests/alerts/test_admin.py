"""The alert demand report: HR recruiters read it, content editors do not."""

from __future__ import annotations

import re

from django.test import TestCase

from alerts.factories import JobAlertFactory
from candidates.factories import UserFactory
from home.groups import CONTENT_EDITORS, HR_RECRUITERS, ensure_staff_groups

from .world import build_world

URL = "/admin/reports/alert-demand/"


class AlertDemandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_staff_groups()
        # The groups' permissions as the migrations grant them.
        from importlib import import_module

        from django.apps import apps

        import_module("alerts.migrations.0002_hr_alert_permissions").grant(apps, None)
        cls.world = build_world()
        eng, sales = (cls.world.families[key] for key in ("engineering", "sales"))
        lyon, paris = (cls.world.places[key] for key in ("lyon", "paris"))
        jane = UserFactory()
        JobAlertFactory(candidate=jane, job_families=[eng], locations=[lyon])
        JobAlertFactory(candidate=jane, job_families=[eng, sales])
        JobAlertFactory(job_families=[eng], locations=[lyon, paris])
        JobAlertFactory(job_families=[sales], active=False)
        JobAlertFactory(frequency="weekly")
        cls.hr = UserFactory(username="hr", groups=[HR_RECRUITERS])
        cls.editor = UserFactory(username="editor", groups=[CONTENT_EDITORS])

    def test_hr_reads_the_demand(self):
        self.client.force_login(self.hr)
        menu = self.client.get("/admin/").content.decode()
        self.assertIn("Alert demand", menu)
        with self.assertNumQueries(15):  # five of them the report's
            response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        html = re.sub(r"\s+", " ", response.content.decode())
        self.assertIn("4 active alerts.", html)
        self.assertIn("As soon as an offer is published: 3", html)
        self.assertIn("Once a week, in a digest: 1", html)
        # Engineering: 3 alerts of 2 candidates; Sales: 1 (the stopped one is out).
        self.assertIn('<th scope="row">Engineering</th><td>3</td><td>2</td>', html)
        self.assertIn('<th scope="row">Sales</th><td>1</td><td>1</td>', html)
        self.assertIn("<em>Any family</em></th><td>1</td><td>1</td>", html)
        self.assertIn('<th scope="row">Lyon, France</th><td>2</td><td>2</td>', html)
        self.assertIn("<em>Any place</em></th><td>2</td><td>2</td>", html)

    def test_editors_get_nothing(self):
        self.client.force_login(self.editor)
        self.assertNotIn("Alert demand", self.client.get("/admin/").content.decode())
        response = self.client.get(URL)
        self.assertIn(response.status_code, (302, 403))
        self.assertNotIn(b"active alerts", response.content)

    def test_candidates_get_nothing(self):
        self.client.force_login(UserFactory())
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)
