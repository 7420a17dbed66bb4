"""The offer page: facts, Apply, share, similar offers, closed offers, JobPosting."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from html import unescape
from urllib.parse import unquote

from django.test import TestCase
from django.utils import timezone

from home.models import PortalSettings
from offers.models import OfferPage

from .catalogue import build_catalogue

REQUIRED = {"title", "description", "datePosted", "hiringOrganization"}
RECOMMENDED = {"employmentType", "identifier", "directApply", "validThrough"}


def job_posting(html: str) -> dict:
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    postings = [json.loads(script) for script in scripts]
    postings = [data for data in postings if data.get("@type") == "JobPosting"]
    assert len(postings) == 1, postings
    return postings[0]


class OfferPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        site = cls.catalogue.home.get_site()
        settings = PortalSettings.for_site(site)
        settings.organisation_name = "Northwind"
        settings.organisation_url = "https://www.example.com/"
        settings.save()
        offer = cls.catalogue.offers["Python developer"]
        offer.salary_min = 45000
        offer.salary_max = 55000
        offer.experience_level = "confirmed"
        offer.save()

    def get(self, title: str) -> str:
        offer = OfferPage.objects.get(title=title)
        response = self.client.get(offer.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_facts_at_a_glance(self):
        html = self.get("Python developer")
        facts = html[html.index('class="offer__facts"') :]
        facts = facts[: facts.index("</dl>")]
        for text in [
            "Engineering",
            "Permanent, full time",
            "Lyon (Auvergne-Rhône-Alpes), France",
            "Hybrid",
            "€45,000 – €55,000 per year",
            "Confirmed",
            "Apply by",
        ]:
            self.assertIn(text, facts)

    def test_apply_leads_to_log_in_and_back(self):
        html = self.get("Python developer")
        self.assertNotIn("This offer is closed", html)
        links = re.findall(
            r'class="offer__apply[^"]*">\s*<a class="button" href="([^"]+)"', html
        )
        self.assertEqual(len(links), 2)
        # To the application flow, which asks a visitor to log in, or straight
        # to the log-in page until that flow exists: either way back here.
        response = self.client.get(unescape(links[0]), follow=True)
        self.assertEqual(response.request["PATH_INFO"], "/en/account/login/")
        self.assertIn(
            "/en/offers/python-developer/", unquote(response.request["QUERY_STRING"])
        )

    def test_share_and_similar_offers(self):
        html = self.get("Python developer")
        self.assertIn(
            'id="offer-link" type="url" value="http://localhost/en/offers/', html
        )
        self.assertIn("data-copy-link", html)
        self.assertIn("mailto:?subject=Python%20developer", html)
        similar = html[html.index('id="similar-title"') :]
        self.assertIn("Frontend developer", similar)
        self.assertNotIn("Filled python lead", similar)

    def test_closed_offers_stay_readable_without_apply(self):
        for title, reason in [
            ("Expired python tester", "closing date has passed"),
            ("Filled python lead", "position has been filled"),
        ]:
            with self.subTest(title=title):
                html = self.get(title)
                self.assertIn("This offer is closed", html)
                self.assertIn(reason, html)
                self.assertNotIn("/en/account/login/?next=%2Fen%2Foffers", html)
                self.assertNotIn("offer__apply", html)
                self.assertIn('href="/en/offers/?family=engineering"', html)
                self.assertIn("Similar open offers", html)

    def test_unpublished_offer_is_gone(self):
        offer = OfferPage.objects.get(title="Sales assistant")
        offer.unpublish()
        self.assertEqual(
            self.client.get("/en/offers/sales-assistant/").status_code, 404
        )

    def test_job_posting_on_site_hybrid_offer(self):
        data = job_posting(self.get("Python developer"))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertLessEqual(REQUIRED | RECOMMENDED, set(data))
        self.assertEqual(data["title"], "Python developer")
        self.assertIn("<h2>Missions</h2>", data["description"])
        self.assertEqual(data["employmentType"], ["FULL_TIME"])
        self.assertEqual(
            data["hiringOrganization"],
            {
                "@type": "Organization",
                "name": "Northwind",
                "sameAs": "https://www.example.com/",
            },
        )
        self.assertEqual(data["identifier"]["@type"], "PropertyValue")
        self.assertRegex(data["identifier"]["value"], r"^REF-\d{5}$")
        self.assertTrue(data["directApply"])
        self.assertEqual(
            data["jobLocation"],
            [
                {
                    "@type": "Place",
                    "address": {
                        "@type": "PostalAddress",
                        "addressLocality": "Lyon",
                        "addressRegion": "Auvergne-Rhône-Alpes",
                        "addressCountry": "FR",
                    },
                }
            ],
        )
        # Hybrid is not full remote: no TELECOMMUTE.
        self.assertNotIn("jobLocationType", data)
        self.assertEqual(
            data["baseSalary"],
            {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {
                    "@type": "QuantitativeValue",
                    "unitText": "YEAR",
                    "minValue": 45000.0,
                    "maxValue": 55000.0,
                },
            },
        )
        self.assertEqual(data["experienceRequirements"]["monthsOfExperience"], 36)
        valid_through = datetime.fromisoformat(data["validThrough"])
        self.assertGreater(valid_through, timezone.now())
        datetime.fromisoformat(data["datePosted"])

    def test_job_posting_on_site_offers_in_two_places(self):
        data = job_posting(self.get("Frontend developer"))
        self.assertEqual(
            [place["address"]["addressLocality"] for place in data["jobLocation"]],
            ["Lyon", "Paris"],
        )
        self.assertEqual(data["employmentType"], ["FULL_TIME", "TEMPORARY"])
        self.assertNotIn("baseSalary", data)

    def test_a_preview_shows_the_draft_places(self):
        """The published page reads its places from the database; a preview
        shows those of the draft, not saved yet."""
        offer = OfferPage.objects.get(title="Frontend developer")
        offer.locations = [self.catalogue.places["brussels"]]
        html = offer.make_preview_request().content.decode()
        self.assertEqual(
            [
                place["address"]["addressLocality"]
                for place in job_posting(html)["jobLocation"]
            ],
            ["Brussels"],
        )
        self.test_job_posting_on_site_offers_in_two_places()  # still published

    def test_job_posting_full_remote(self):
        data = job_posting(self.get("Site reliability engineer"))
        self.assertEqual(data["jobLocationType"], "TELECOMMUTE")
        self.assertEqual(
            data["applicantLocationRequirements"],
            [{"@type": "Country", "name": "FR"}, {"@type": "Country", "name": "BE"}],
        )
        self.assertNotIn("jobLocation", data)
        self.assertNotIn("validThrough", data)  # open until filled

    def test_job_posting_of_closed_offers_is_expired(self):
        now = timezone.now()
        for title in ("Expired python tester", "Filled python lead"):
            with self.subTest(title=title):
                data = job_posting(self.get(title))
                self.assertLess(datetime.fromisoformat(data["validThrough"]), now)

    def test_job_posting_employment_types(self):
        self.assertEqual(
            job_posting(self.get("Software intern"))["employmentType"],
            ["FULL_TIME", "INTERN"],
        )
        self.assertEqual(
            job_posting(self.get("Key account manager"))["employmentType"],
            ["FULL_TIME", "CONTRACTOR"],
        )

    def test_json_ld_is_escaped(self):
        offer = OfferPage.objects.get(title="Account executive")
        offer.title = 'Sales </script><script>alert("x")</script> & co'
        offer.save()
        html = self.client.get(offer.url).content.decode()
        head = html[: html.index("</head>")]
        self.assertNotIn("<script>alert", head)
        self.assertEqual(job_posting(html)["title"], offer.title)
        # The page's visible title is escaped too.
        self.assertIn("&lt;/script&gt;&lt;script&gt;alert", html)

    def test_date_posted_is_the_first_publication(self):
        offer = OfferPage.objects.get(title="Sales assistant")
        data = job_posting(self.get("Sales assistant"))
        self.assertEqual(
            data["datePosted"],
            timezone.localtime(offer.first_published_at).date().isoformat(),
        )
        self.assertEqual(
            timezone.localdate() - timedelta(days=6),
            datetime.fromisoformat(data["datePosted"]).date(),
        )
