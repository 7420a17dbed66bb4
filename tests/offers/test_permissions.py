"""HR recruiters create, edit, schedule and unpublish offers; content editors
cannot touch them, through any door of the admin."""

from __future__ import annotations

import json
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from candidates.factories import UserFactory
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.models import FaqPage
from offers.factories import LocationFactory
from offers.models import Location, OfferPage

from .catalogue import build_catalogue


def draftail(text: str) -> str:
    """What the admin's rich text editor posts for one paragraph (empty: none)."""
    blocks = [
        {
            "key": "a1b2c",
            "text": text,
            "type": "unstyled",
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
    ]
    return json.dumps({"blocks": blocks if text else [], "entityMap": {}})


def offer_form(offer_family_id: int, location_id: int, **extra) -> dict:
    data = {
        "missions": draftail("Weld the frames of our trailers."),
        "profile": draftail("A certified welder."),
        "title": "Welder",
        "slug": "welder",
        "reference": "",
        "job_family": offer_family_id,
        "contract_type": "permanent",
        "working_time": "full_time",
        "experience_level": "",
        "locations": [location_id],
        "remote_policy": "on_site",
        "remote_countries": "",
        "salary_currency": "EUR",
        "salary_period": "YEAR",
        "body-count": "0",
        "questions-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
    }
    data.update(extra)
    return data


class OfferPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        cls.recruiter = UserFactory(username="hugo", groups=[HR_RECRUITERS])
        cls.editor = UserFactory(username="edith", groups=[CONTENT_EDITORS])
        cls.faq = FaqPage(title="FAQ", slug="faq")
        cls.catalogue.home.add_child(instance=cls.faq)

    def setUp(self):
        self.offer = OfferPage.objects.get(title="Python developer")
        self.index = self.catalogue.index

    def test_recruiter_may_do_everything_on_offers(self):
        for page in (self.offer, self.index):
            permissions = page.permissions_for_user(self.recruiter)
            self.assertTrue(permissions.can_edit())
            self.assertTrue(permissions.can_publish())
            self.assertTrue(permissions.can_unpublish())
        self.assertTrue(
            self.index.permissions_for_user(self.recruiter).can_add_subpage()
        )

    def test_editor_may_do_nothing_on_offers_even_through_a_plain_page(self):
        from wagtail.models import Page

        for page in (self.offer, self.index, Page.objects.get(pk=self.offer.pk)):
            permissions = page.permissions_for_user(self.editor)
            self.assertFalse(permissions.can_edit())
            self.assertFalse(permissions.can_publish())
            self.assertFalse(permissions.can_unpublish())
            self.assertFalse(permissions.can_delete())
            self.assertFalse(permissions.can_move())
            self.assertFalse(permissions.can_copy())
            self.assertFalse(permissions.can_lock())
        self.assertFalse(self.index.permissions_for_user(self.editor).can_add_subpage())
        # ...but keeps the content pages.
        self.assertTrue(self.faq.permissions_for_user(self.editor).can_edit())
        self.assertFalse(
            self.faq.permissions_for_user(self.editor).can_move_to(self.index)
        )

    def test_editor_is_turned_away_by_the_admin(self):
        self.client.force_login(self.editor)
        for url in [
            f"/admin/pages/{self.offer.pk}/edit/",
            f"/admin/pages/add/offers/offerpage/{self.index.pk}/",
            f"/admin/pages/{self.index.pk}/add_subpage/",
            f"/admin/pages/{self.offer.pk}/unpublish/",
            f"/admin/pages/{self.offer.pk}/delete/",
            f"/admin/pages/{self.offer.pk}/copy/",
            f"/admin/pages/{self.offer.pk}/move/",
            "/admin/snippets/offers/location/",
            "/admin/snippets/offers/jobfamily/add/",
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403))
                if response.status_code == 302:
                    self.assertNotIn(url, response["Location"])
        # Posting does nothing either.
        self.client.post(f"/admin/pages/{self.offer.pk}/unpublish/")
        self.client.post(f"/admin/pages/{self.offer.pk}/delete/")
        response = self.client.post(
            f"/admin/pages/add/offers/offerpage/{self.index.pk}/",
            offer_form(
                self.offer.job_family_id,
                self.catalogue.places["lyon"].pk,
                **{"action-publish": "action-publish"},
            ),
        )
        self.assertFalse(OfferPage.objects.filter(slug="welder").exists())
        self.offer.refresh_from_db()
        self.assertTrue(self.offer.live)
        # The content pages stay theirs.
        self.assertEqual(
            self.client.get(f"/admin/pages/{self.faq.pk}/edit/").status_code, 200
        )

    def test_recruiter_creates_and_publishes_an_offer(self):
        self.client.force_login(self.recruiter)
        url = f"/admin/pages/add/offers/offerpage/{self.index.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            offer_form(
                self.offer.job_family_id,
                self.catalogue.places["lyon"].pk,
                **{"action-publish": "action-publish"},
            ),
        )
        self.assertEqual(response.status_code, 302, response.content[-3000:])
        offer = OfferPage.objects.get(slug="welder")
        self.assertTrue(offer.live)
        self.assertRegex(offer.reference, r"^\d{4}-[A-Z2-9]{5}$")
        self.assertEqual(list(offer.locations.all()), [self.catalogue.places["lyon"]])
        self.assertEqual(self.client.get("/en/offers/welder/").status_code, 200)

    def test_recruiter_needs_a_place_for_an_offer_on_site(self):
        self.client.force_login(self.recruiter)
        data = offer_form(self.offer.job_family_id, 0, **{"action-publish": "1"})
        data["locations"] = []
        response = self.client.post(
            f"/admin/pages/add/offers/offerpage/{self.index.pk}/", data
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choose at least one location")

    def test_recruiter_schedules_an_offer(self):
        self.client.force_login(self.recruiter)
        go_live = timezone.localtime() + timedelta(days=3)
        response = self.client.post(
            f"/admin/pages/add/offers/offerpage/{self.index.pk}/",
            offer_form(
                self.offer.job_family_id,
                self.catalogue.places["lyon"].pk,
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
                **{"action-publish": "action-publish"},
            ),
        )
        self.assertEqual(response.status_code, 302)
        offer = OfferPage.objects.get(slug="welder")
        self.assertFalse(offer.live)
        self.assertIsNotNone(offer.scheduled_revision)
        self.assertNotIn(offer, OfferPage.objects.open())

    def test_recruiter_edits_and_unpublishes(self):
        self.client.force_login(self.recruiter)
        edit = f"/admin/pages/{self.offer.pk}/edit/"
        self.assertEqual(self.client.get(edit).status_code, 200)
        response = self.client.post(f"/admin/pages/{self.offer.pk}/unpublish/")
        self.assertEqual(response.status_code, 302)
        self.offer.refresh_from_db()
        self.assertFalse(self.offer.live)

    def test_recruiter_manages_the_taxonomies(self):
        self.client.force_login(self.recruiter)
        self.assertEqual(
            self.client.get("/admin/snippets/offers/location/").status_code, 200
        )
        response = self.client.post(
            "/admin/snippets/offers/location/add/",
            {
                "city": "Ghent",
                "region": "",
                "postal_code": "",
                "country": "Belgium",
                "country_code": "BE",
                "slug": "",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Location.objects.get(city="Ghent").slug, "ghent")

    def test_offer_list_shows_reference_closing_date_and_status(self):
        self.client.force_login(self.recruiter)
        response = self.client.get(f"/admin/pages/{self.index.pk}/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for text in (
            "Reference",
            "Closing date",
            self.offer.reference,
            "filled",
            "closed",
        ):
            self.assertIn(text, html)

    def test_location_factory_stays_out_of_the_way(self):
        self.assertTrue(LocationFactory(city="Ghent").slug)
