"""“My parameters” > “My alerts”: create, change, stop, delete; the prefilled
alert of a search; bad input; the cap."""

from __future__ import annotations

from urllib.parse import quote

from django.test import TestCase, override_settings

from alerts.factories import JobAlertFactory
from alerts.models import JobAlert
from candidates.factories import UserFactory

from .world import build_world

CHECKBOX = (
    "Send me an alert by e-mail when an offer corresponding to my preferences "
    "is published"
)


class AlertViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.eng = cls.world.families["engineering"]
        cls.lyon = cls.world.places["lyon"]
        cls.paris = cls.world.places["paris"]
        cls.jane = UserFactory(username="jane", email="jane@example.org")

    def setUp(self):
        self.client.force_login(self.jane)

    def post(self, url: str, **data):
        base = {"active": "on", "frequency": "immediate"}
        return self.client.post(url, {**base, **data})

    def test_my_alerts_section_without_alert(self):
        response = self.client.get("/en/me/parameters/")
        self.assertContains(response, "My alerts")
        self.assertContains(response, "Off: you receive no e-mail about new offers.")
        self.assertContains(response, 'href="/en/alerts/new/"')

    def test_change_leads_to_the_form_with_the_checkbox(self):
        response = self.client.get("/en/alerts/new/")
        self.assertContains(response, CHECKBOX)
        self.assertContains(response, "jane@example.org")
        for label in ("Keywords", "Job families", "Locations", "Contract types"):
            self.assertContains(response, label)

    def test_create_an_alert(self):
        response = self.post(
            "/en/alerts/new/",
            keywords="python",
            job_families=[self.eng.pk],
            locations=[self.lyon.pk, self.paris.pk],
            contract_types=["permanent"],
            remote_policies=["hybrid", "full_remote"],
        )
        self.assertRedirects(
            response, "/en/me/parameters/#alerts", fetch_redirect_response=False
        )
        alert = JobAlert.objects.get(candidate=self.jane)
        self.assertTrue(alert.active)
        self.assertEqual(alert.keywords, "python")
        self.assertEqual(list(alert.job_families.all()), [self.eng])
        self.assertEqual(set(alert.locations.all()), {self.lyon, self.paris})
        self.assertEqual(alert.contract_types, ["permanent"])
        self.assertEqual(alert.remote_policies, ["full_remote", "hybrid"])
        page = self.client.get("/en/me/parameters/")
        self.assertContains(page, "Your alert is saved.")
        self.assertContains(page, "python · Engineering · Lyon, France, Paris, France")
        self.assertContains(page, f'href="/en/alerts/{alert.pk}/"')

    def test_an_empty_alert_is_every_new_offer(self):
        self.post("/en/alerts/new/")
        alert = JobAlert.objects.get(candidate=self.jane)
        self.assertEqual(alert.describe(), "Every new offer")

    def test_untick_and_save_stops_the_alert_and_says_so(self):
        alert = JobAlertFactory(candidate=self.jane, keywords="python")
        response = self.client.get(f"/en/alerts/{alert.pk}/")
        self.assertContains(response, 'value="python"')
        self.assertContains(response, "checked")
        response = self.client.post(
            f"/en/alerts/{alert.pk}/",
            {"keywords": "python", "frequency": "immediate"},
            follow=True,
        )
        alert.refresh_from_db()
        self.assertFalse(alert.active)
        self.assertContains(response, "Your alert is stopped")
        self.assertContains(response, "stopped")

    def test_change_an_alert(self):
        alert = JobAlertFactory(candidate=self.jane, keywords="python")
        self.post(f"/en/alerts/{alert.pk}/", keywords="django", frequency="weekly")
        alert.refresh_from_db()
        self.assertEqual((alert.keywords, alert.frequency), ("django", "weekly"))
        self.assertEqual(
            list(alert.keyword_rows.values_list("word", flat=True)), ["django"]
        )

    def test_delete_an_alert(self):
        alert = JobAlertFactory(candidate=self.jane)
        self.assertContains(self.client.get(f"/en/alerts/{alert.pk}/delete/"), "Delete")
        response = self.client.post(f"/en/alerts/{alert.pk}/delete/", follow=True)
        self.assertContains(response, "Your alert is deleted.")
        self.assertFalse(JobAlert.objects.filter(pk=alert.pk).exists())

    def test_another_candidates_alert_is_not_found(self):
        theirs = JobAlertFactory()
        for url in (f"/en/alerts/{theirs.pk}/", f"/en/alerts/{theirs.pk}/delete/"):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url).status_code, 404)
        theirs.refresh_from_db()
        self.assertTrue(theirs.active)

    def test_log_in_first_then_back(self):
        self.client.logout()
        url = "/en/alerts/new/?q=python&family=engineering"
        response = self.client.get(url)
        self.assertRedirects(
            response,
            f"/en/account/login/?next={quote(url, safe='/')}",
            fetch_redirect_response=False,
        )

    def test_prefilled_from_the_listings_search(self):
        response = self.client.get(
            "/en/alerts/new/?q=Python+dev!&family=engineering&family=nope"
            "&location=lyon&location=paris&contract=permanent&contract=bad"
            "&remote=hybrid&sort=closing"
        )
        form = response.context["form"]
        self.assertEqual(
            form.initial,
            {
                "keywords": "Python dev",
                "job_families": [self.eng.pk],
                "locations": sorted([self.lyon.pk, self.paris.pk]),
                "contract_types": ["permanent"],
                "remote_policies": ["hybrid"],
            },
        )
        html = response.content.decode()
        self.assertIn('value="Python dev"', html)
        self.assertRegex(html, rf'value="{self.eng.pk}"[^>]*checked')
        self.assertFalse(JobAlert.objects.exists())  # nothing saved before "Save"

    def test_the_listing_links_to_the_prefilled_form(self):
        # Without results...
        response = self.client.get("/en/offers/?q=kotlin&family=engineering")
        self.assertContains(response, "Create an alert for this search")
        self.assertContains(response, "/en/alerts/new/?q=kotlin&amp;family=engineering")
        # ... and with some.
        self.world.publish(self.world.draft("Kotlin developer"))
        response = self.client.get("/en/offers/?q=kotlin&family=engineering")
        self.assertContains(response, "Kotlin developer")
        self.assertContains(
            response,
            '<a href="/en/alerts/new/?q=kotlin&amp;family=engineering">'
            "Create an alert for this search</a>",
        )
        response = self.client.get("/en/offers/")
        self.assertContains(
            response, '<a href="/en/alerts/new/?">Get the new offers by e-mail</a>'
        )

    def test_very_long_keywords_are_refused_with_a_message(self):
        response = self.post("/en/alerts/new/", keywords="python " * 715)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "There is a problem with this form")
        self.assertContains(response, "at most 200 characters")
        self.assertFalse(JobAlert.objects.exists())

    def test_too_many_or_no_words(self):
        response = self.post("/en/alerts/new/", keywords=" ".join("abcdefghijk"))
        self.assertContains(response, "Use at most 10 words.")
        response = self.post("/en/alerts/new/", keywords="!!! ???")
        self.assertContains(response, "Use letters or digits in your keywords.")
        self.assertFalse(JobAlert.objects.exists())

    def test_junk_input_never_fails(self):
        response = self.post(
            "/en/alerts/new/",
            job_families=["x", "999999"],
            locations=["-1"],
            contract_types=["nope"],
            remote_policies=["<script>"],
            frequency="hourly",
            keywords="\x00",
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "There are problems with this form")
        self.assertFalse(JobAlert.objects.exists())
        self.assertEqual(
            self.client.get("/en/alerts/new/?family=%00&q=" + "x" * 5000).status_code,
            200,
        )
        self.assertEqual(self.client.get("/en/alerts/abc/").status_code, 404)

    @override_settings(JOB_ALERTS_MAX_PER_CANDIDATE=2)
    def test_the_cap(self):
        self.post("/en/alerts/new/", keywords="one")
        self.post("/en/alerts/new/", keywords="two")
        response = self.client.get("/en/me/parameters/")
        self.assertContains(response, "You have 2 alerts, the most you can keep.")
        self.assertNotContains(response, "Add an alert")
        response = self.client.get("/en/alerts/new/?q=three")
        self.assertContains(response, "You already have 2 alerts")
        self.assertNotContains(response, '<form method="post" novalidate')
        response = self.post("/en/alerts/new/", keywords="three")
        self.assertContains(response, "You already have 2 alerts")
        self.assertEqual(JobAlert.objects.filter(candidate=self.jane).count(), 2)
        # Changing one is still possible.
        alert = JobAlert.objects.filter(candidate=self.jane).first()
        self.assertRedirects(
            self.post(f"/en/alerts/{alert.pk}/", keywords="other"),
            "/en/me/parameters/#alerts",
        )

    def test_the_section_takes_three_queries_whatever_the_number_of_alerts(self):
        from django.template import Context, Template
        from django.test import RequestFactory

        request = RequestFactory().get("/en/me/parameters/")
        request.user = self.jane
        template = Template("{% load alert_tags %}{% my_alerts %}")
        for _number in range(4):
            JobAlertFactory(
                candidate=self.jane, job_families=[self.eng], locations=[self.lyon]
            )
        with self.assertNumQueries(3):
            html = template.render(Context({"request": request}))
        self.assertEqual(html.count('class="entry"'), 4)


class AlertPageQueryTests(TestCase):
    """The alert pages run a fixed number of queries, however many alerts,
    families and places there are."""

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.jane = UserFactory()

    def count(self, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_pinned_query_counts(self):
        from offers.factories import JobFamilyFactory, LocationFactory

        self.client.force_login(self.jane)
        alert = JobAlertFactory(
            candidate=self.jane,
            job_families=[self.world.families["engineering"]],
            locations=[self.world.places["lyon"]],
        )
        urls = ["/en/me/parameters/", "/en/alerts/new/", f"/en/alerts/{alert.pk}/"]
        self.count(urls[0])  # warms the site's caches
        few = [self.count(url) for url in urls]
        for number in range(5):
            JobAlertFactory(
                candidate=self.jane,
                job_families=[JobFamilyFactory()],
                locations=[LocationFactory(), self.world.places["paris"]],
                keywords=f"word{number}",
            )
        many = [self.count(url) for url in urls]
        self.assertEqual(many, few)
        # Each page: two for the agreement's renewal check, one for the portal
        # settings (footer), one for the language links; "My parameters": three
        # more for "My consents" (agreement, versions accepted, optional).
        self.assertEqual(few, [16, 12, 14])
