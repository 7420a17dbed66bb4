"""The job-board feed (Indeed's XML format): valid XML whatever the offers hold,
open offers only, newest first, one job per place, the fields aggregators read,
a query count that does not grow with the offers, and the page cache."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.utils import timezone

from home.models import PortalSettings
from home.page_cache import STATUS_HEADER
from offers.factories import LocationFactory, OfferPageFactory
from offers.job_board import iso
from offers.models import OfferPage

from .catalogue import CLOSED_TITLES, OPEN_TITLES, build_catalogue

URL = "/en/offers/job-board-feed/"
# (No NUL: PostgreSQL refuses it in text, and every form refuses it first.)
HOSTILE = 'Dev ]]> <script>alert("x")</script> & \x0b\x01 <![CDATA[ end'
HOSTILE_CLEAN = 'Dev ]]> <script>alert("x")</script> &  <![CDATA[ end'


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own output


class JobBoardFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        # Made at the first read otherwise, which outdates the page cache.
        cls.settings = PortalSettings.for_site(cls.catalogue.home.get_site())
        cls.draft = OfferPageFactory(
            parent=cls.catalogue.index, title="Draft welder", live=False
        )
        python = cls.catalogue.offers["Python developer"]
        OfferPage.objects.filter(pk=python.pk).update(
            salary_min=Decimal("45000"),
            salary_max=Decimal("55000"),
            working_time="part_time",
            experience_level="junior",
        )

    def jobs(self, query: str = "") -> list[ET.Element]:
        response = self.client.get(URL + query)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        root = parse_xml(response.content)
        self.assertEqual(root.tag, "source")
        return root.findall("job")

    def job(self, title: str, query: str = "") -> ET.Element:
        (job,) = [job for job in self.jobs(query) if job.findtext("title") == title]
        return job

    def test_valid_xml_with_the_publisher(self):
        root = parse_xml(self.client.get(URL).content)
        self.assertEqual(root.findtext("publisher"), "Example Company")
        self.assertEqual(root.findtext("publisherurl"), "http://localhost/")
        newest = max(offer.last_published_at for offer in OfferPage.objects.open())
        self.assertEqual(root.findtext("lastBuildDate"), iso(newest))
        self.assertTrue(self.client.get(URL).content.startswith(b"<?xml"))

    def test_open_offers_only_newest_first(self):
        titles = [job.findtext("title") for job in self.jobs()]
        # The frontend developer works in two places: two jobs.
        self.assertEqual(titles.count("Frontend developer"), 2)
        self.assertEqual(list(dict.fromkeys(titles)), OPEN_TITLES)
        for title in [*CLOSED_TITLES, "Draft welder"]:
            self.assertNotIn(title, titles)

    def test_fields_of_a_known_offer(self):
        offer = OfferPage.objects.get(title="Python developer")
        job = self.job("Python developer")
        expected = {
            "title": "Python developer",
            "date": iso(offer.first_published_at),
            "referencenumber": f"{offer.reference}-lyon",
            "requisitionid": offer.reference,
            "url": f"{offer.full_url}?utm_source=indeed",
            "company": "Example Company",
            "city": "Lyon",
            "state": "Auvergne-Rhône-Alpes",
            "country": "FR",
            "salary": "€45,000 – €55,000 per year",
            "jobtype": "parttime",
            "category": "Engineering",
            "experience": "Junior (1 to 2 years)",
            "remotetype": "Hybrid remote",
            "expirationdate": offer.closing_date.isoformat(),
        }
        self.assertEqual(
            {tag: job.findtext(tag) for tag in expected},
            expected,
        )
        self.assertIn("<h2>Missions</h2>", job.findtext("description"))
        self.assertIn("As a python developer", job.findtext("description"))

    def test_job_types_remote_and_places(self):
        intern = self.job("Software intern")
        self.assertEqual(intern.findtext("jobtype"), "fulltime, internship")
        self.assertIsNone(intern.find("salary"))
        self.assertIsNone(intern.find("remotetype"))
        self.assertEqual(
            self.job("Key account manager").findtext("jobtype"), "fulltime, contract"
        )
        # Full remote, no place: one job, the first country allowed.
        remote = self.job("Site reliability engineer")
        offer = OfferPage.objects.get(title="Site reliability engineer")
        self.assertEqual(remote.findtext("referencenumber"), offer.reference)
        self.assertEqual(remote.findtext("remotetype"), "Fully remote")
        self.assertEqual(remote.findtext("country"), "FR")
        self.assertEqual(remote.findtext("city"), "")
        self.assertIsNone(remote.find("expirationdate"))
        # Two places: two jobs with numbers of their own, one requisition.
        jobs = [j for j in self.jobs() if j.findtext("title") == "Frontend developer"]
        self.assertEqual({j.findtext("city") for j in jobs}, {"Lyon", "Paris"})
        self.assertEqual(len({j.findtext("referencenumber") for j in jobs}), 2)
        self.assertEqual(len({j.findtext("requisitionid") for j in jobs}), 1)

    def test_source_tag(self):
        job = self.job("Python developer", "?source=Jooble")
        self.assertTrue(job.findtext("url").endswith("/?utm_source=jooble"))
        for junk in ("?source=a%20b", "?source=" + "x" * 40, "?source=%3Cx%3E"):
            with self.subTest(junk=junk):
                job = self.job("Python developer", junk)
                self.assertTrue(job.findtext("url").endswith("/?utm_source=indeed"))

    def test_description_links_and_blocks(self):
        index = self.catalogue.index
        self.catalogue.add(
            "Linked offer",
            days_ago=0,
            body=[
                {"type": "heading", "value": {"text": "R&D <team>", "level": "h9"}},
                {
                    "type": "paragraph",
                    "value": f'<p>See <a linktype="page" id="{index.pk}">all</a>.</p>',
                },
                {
                    "type": "call_to_action",
                    "value": {"text": "Apply", "page": index.pk},
                },
            ],
        )
        description = self.job("Linked offer").findtext("description")
        # The missions and the profile first, then the other sections.
        self.assertRegex(
            description,
            r"^<h2>Missions</h2><p>As a linked offer, .*</p>"
            r"<h2>Profile sought</h2><p>.*</p>"
            r'<h3>R&amp;D &lt;team&gt;</h3><p>See <a href="/en/offers/">all</a>.</p>$',
        )

    def test_hostile_text_stays_valid_xml(self):
        self.settings.organisation_name = "ACME ]]> & <Co>"
        self.settings.save()
        self.catalogue.add(
            HOSTILE,
            days_ago=0,
            slug="hostile",
            reference="HOSTILE]]>",
            body=[
                {"type": "heading", "value": {"text": "]]>", "level": "h2"}},
                {"type": "paragraph", "value": "<p>a ]]> b \x0c</p>"},
            ],
        )
        jobs = self.jobs()
        job = jobs[0]
        self.assertEqual(job.findtext("title"), HOSTILE_CLEAN)
        self.assertEqual(job.findtext("referencenumber"), "HOSTILE]]>")
        self.assertEqual(job.findtext("company"), "ACME ]]> & <Co>")
        self.assertTrue(
            job.findtext("description").endswith("<h2>]]&gt;</h2><p>a ]]> b </p>")
        )
        self.assertEqual(len(jobs), len(OPEN_TITLES) + 2)

    def test_query_count_does_not_grow(self):
        self.client.get(URL)  # warm the per-process caches (site root paths)
        with self.assertNumQueries(JOB_BOARD_QUERIES):
            self.client.get(URL)
        index = self.catalogue.index
        places = [LocationFactory(), LocationFactory()]
        for number in range(10):
            self.catalogue.add(
                f"More offer {number}",
                locations=places,
                salary_min=Decimal("30000"),
                body=[
                    {"type": "heading", "value": {"text": "Team", "level": "h2"}},
                    {
                        "type": "paragraph",
                        "value": f'<p><a linktype="page" id="{index.pk}">x</a></p>',
                    },
                ],
            )
        # Links to pages in the descriptions: three more queries (their types,
        # the pages, their translations in the reader's language), for every
        # offer at once.
        with self.assertNumQueries(JOB_BOARD_QUERIES + 3):
            response = self.client.get(URL)
        self.assertEqual(len(parse_xml(response.content).findall("job")), 8 + 20)

    def test_the_slug_is_reserved(self):
        offer = OfferPage(title="Feed", slug="job-board-feed")
        with pytest.raises(ValidationError):
            offer.clean()

    def test_served_from_the_page_cache(self):
        pages = caches["pages"]
        pages.clear()
        with override_settings(PAGE_CACHE_ENABLED=True):
            first = self.client.get(URL)
            self.assertEqual(first[STATUS_HEADER], "miss")
            self.assertIn("public", first["Cache-Control"])
            second = self.client.get(URL)
            self.assertEqual(second[STATUS_HEADER], "hit")
            self.assertEqual(second.content, first.content)
            # Closing an offer outdates the copy.
            offer = OfferPage.objects.get(title="Python developer")
            offer.closing_date = timezone.localdate() - timedelta(days=1)
            offer.save_revision().publish()
            third = self.client.get(URL)
            self.assertEqual(third[STATUS_HEADER], "miss")
            self.assertNotIn(b"Python developer", third.content)
        pages.clear()


# Wagtail's routing (the site, the locale of the address's language, the home
# and index pages, the path's aliases and view restrictions), the portal
# settings, the offers, their places.
JOB_BOARD_QUERIES = 10
