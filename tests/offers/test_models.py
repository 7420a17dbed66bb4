"""Rules of an offer: closing, reference, validation, similar offers, taxonomies."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from offers.factories import JobFamilyFactory, LocationFactory, OfferPageFactory
from offers.forms import OfferPageForm
from offers.models import JobFamily, Location, OfferIndexPage, OfferPage

from .catalogue import OPEN_TITLES, build_catalogue


class PageTreeTests(WagtailPageTestCase):
    def test_offers_live_only_under_the_index(self):
        self.assertAllowedParentPageTypes(OfferIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OfferIndexPage, {OfferPage})
        self.assertAllowedParentPageTypes(OfferPage, {OfferIndexPage})
        self.assertAllowedSubpageTypes(OfferPage, set())
        self.assertEqual(OfferIndexPage.max_count, 1)

    def test_every_field_hr_fills_has_a_help_text(self):
        for model in (OfferPage, OfferIndexPage, JobFamily, Location):
            for field in model._meta.get_fields():
                if getattr(field, "model", None) is not model:
                    continue  # inherited from Page
                if not getattr(field, "editable", False) or field.auto_created:
                    continue
                if field.name in {"page_ptr", "id"}:
                    continue
                with self.subTest(model=model.__name__, field=field.name):
                    self.assertTrue(field.help_text)


class ClosingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def offer(self, title: str) -> OfferPage:
        return OfferPage.objects.get(title=title)

    def test_open_offers(self):
        self.assertEqual(
            set(OfferPage.objects.open().values_list("title", flat=True)),
            set(OPEN_TITLES),
        )

    def test_open_on_its_closing_day_closed_the_day_after(self):
        intern = self.offer("Software intern")
        self.assertTrue(intern.is_open)
        tomorrow = timezone.now() + timedelta(days=1)
        with time_machine.travel(tomorrow, tick=False):
            self.assertFalse(self.offer("Software intern").is_open)
            self.assertNotIn(
                "Software intern",
                OfferPage.objects.open().values_list("title", flat=True),
            )

    def test_filled_offer_is_closed_and_remembers_when(self):
        offer = self.offer("Python developer")
        before = timezone.now()
        offer.filled = True
        offer.save()
        offer.refresh_from_db()
        self.assertFalse(offer.is_open)
        self.assertGreaterEqual(offer.filled_at, before)
        self.assertEqual(offer.status_label, "filled")
        self.assertEqual(offer.valid_through(), offer.filled_at)
        # Reopened: the date goes.
        offer.filled = False
        offer.save()
        offer.refresh_from_db()
        self.assertIsNone(offer.filled_at)
        self.assertTrue(offer.is_open)

    def test_unpublished_offer_is_not_open(self):
        offer = self.offer("Python developer")
        offer.unpublish()
        offer.refresh_from_db()
        self.assertFalse(offer.is_open)
        self.assertEqual(offer.status_label, "draft")
        self.assertNotIn(offer, OfferPage.objects.open())

    def test_status_labels(self):
        self.assertEqual(self.offer("Python developer").status_label, "open")
        self.assertEqual(self.offer("Expired python tester").status_label, "closed")
        self.assertEqual(self.offer("Filled python lead").status_label, "filled")

    def test_valid_through_is_the_end_of_the_closing_day(self):
        offer = self.offer("Python developer")
        end = timezone.localtime(offer.valid_through())
        self.assertEqual(end.date(), offer.closing_date)
        self.assertEqual((end.hour, end.minute), (23, 59))
        self.assertIsNone(self.offer("Site reliability engineer").valid_through())

    def test_similar_offers_are_open_same_family_first(self):
        similar = self.offer("Python developer").similar_offers(limit=5)
        titles = [offer.title for offer in similar]
        self.assertEqual(
            titles[:3],
            ["Frontend developer", "Site reliability engineer", "Software intern"],
        )
        # Then an offer of another family in the same place.
        self.assertEqual(titles[3:], ["Key account manager"])
        self.assertNotIn("Python developer", titles)
        self.assertNotIn("Expired python tester", titles)

    def test_closed_offer_still_has_similar_open_offers(self):
        similar = self.offer("Filled python lead").similar_offers()
        self.assertEqual(len(similar), 3)
        self.assertTrue(all(offer.is_open for offer in similar))


class ReferenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def test_reference_is_made_when_left_blank(self):
        offer = self.catalogue.add("Blank reference", reference="")
        offer.refresh_from_db()
        self.assertRegex(offer.reference, r"^\d{4}-[A-Z2-9]{5}$")
        other = self.catalogue.add("Another blank", reference="")
        self.assertNotEqual(offer.reference, other.reference)

    def test_clean_fills_and_normalises_the_reference(self):
        offer = OfferPage.objects.get(title="Python developer")
        offer.reference = "  nw-42 "
        offer.full_clean()
        self.assertEqual(offer.reference, "NW-42")
        offer.reference = ""
        offer.full_clean()
        self.assertTrue(offer.reference)

    def test_reference_is_unique(self):
        taken = OfferPage.objects.get(title="Python developer").reference
        offer = OfferPage.objects.get(title="Frontend developer")
        offer.reference = taken
        with self.assertRaises(ValidationError) as error:
            offer.full_clean()
        self.assertIn("reference", error.exception.message_dict)


class ValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def setUp(self):
        self.offer = OfferPage.objects.get(title="Python developer")

    def assert_invalid(self, field: str, **values) -> None:
        for name, value in values.items():
            setattr(self.offer, name, value)
        with self.assertRaises(ValidationError) as error:
            self.offer.full_clean()
        self.assertIn(field, error.exception.message_dict)

    def test_salary_range_must_be_ordered(self):
        self.assert_invalid("salary_max", salary_min=50000, salary_max=40000)

    def test_salary_max_alone_is_refused(self):
        self.assert_invalid("salary_min", salary_min=None, salary_max=40000)

    def test_full_remote_needs_countries(self):
        self.assert_invalid(
            "remote_countries", remote_policy="full_remote", remote_countries=""
        )
        self.assert_invalid(
            "remote_countries", remote_policy="full_remote", remote_countries="France"
        )

    def test_countries_only_for_full_remote(self):
        self.assert_invalid(
            "remote_countries", remote_policy="hybrid", remote_countries="FR"
        )

    def test_country_codes_are_tidied(self):
        self.offer.remote_policy = "full_remote"
        self.offer.remote_countries = "FR,be , ES"
        self.offer.full_clean()
        self.assertEqual(self.offer.remote_countries, "FR, BE, ES")
        self.assertEqual(self.offer.remote_country_codes, ["FR", "BE", "ES"])

    def test_reserved_slug(self):
        self.assert_invalid("slug", slug="feed")

    def test_admin_form_needs_a_location_unless_full_remote(self):
        form_class = OfferPage.get_edit_handler().get_form_class()
        self.assertTrue(issubclass(form_class, OfferPageForm))
        offer = self.offer
        base = {
            "title": offer.title,
            "slug": offer.slug,
            "job_family": offer.job_family_id,
            "contract_type": "permanent",
            "working_time": "full_time",
            "salary_currency": "EUR",
            "salary_period": "YEAR",
            "body-count": "0",
            "questions-count": "0",
        }
        form = form_class(
            {**base, "remote_policy": "on_site"},
            instance=offer,
            parent_page=offer.get_parent(),
        )
        self.assertFalse(form.is_valid())
        self.assertIn("locations", form.errors)
        form = form_class(
            {**base, "remote_policy": "full_remote", "remote_countries": "FR"},
            instance=offer,
            parent_page=offer.get_parent(),
        )
        form.is_valid()
        self.assertNotIn("locations", form.errors)


class TaxonomyTests(TestCase):
    def test_slugs_are_made_and_unique(self):
        first = LocationFactory(city="Saint-Étienne")
        self.assertEqual(first.slug, "saint-etienne")
        second = Location.objects.create(
            city="Saint-Étienne", country="Canada", country_code="CA"
        )
        self.assertEqual(second.slug, "saint-etienne-2")
        self.assertEqual(
            JobFamilyFactory(name="Human resources").slug, "human-resources"
        )
        self.assertEqual(str(first), "Saint-Étienne, France")

    def test_renaming_a_place_updates_the_search(self):
        catalogue = build_catalogue()
        lyon = catalogue.places["lyon"]
        lyon.city = "Villeurbanne"
        lyon.save()
        found = OfferPage.objects.search("Villeurbanne", order_by_relevance=False)
        self.assertIn("Python developer", [offer.title for offer in found])

    def test_offer_factory_makes_an_indexed_offer(self):
        catalogue = build_catalogue()
        offer = OfferPageFactory(
            parent=catalogue.index,
            title="Welder",
            locations=[catalogue.places["paris"]],
        )
        self.assertTrue(Page.objects.filter(pk=offer.pk, live=True).exists())
        found = OfferPage.objects.search("welder paris", order_by_relevance=False)
        self.assertEqual([o.title for o in found], ["Welder"])
