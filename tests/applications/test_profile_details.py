"""The names and contact details of "My profile": shown filled in on the
application form, and what the candidate changes there saved back to the profile,
with the draft or the submission, in the same transaction."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from applications.models import Application
from candidates.models import CandidateProfile

from .world import ApplicationsTestCase


class ProfileDetailsTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)
        self.url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        self.profile = CandidateProfile.objects.get(user=self.candidate)
        self.profile.address = "1 rue de la Paix"
        self.profile.postal_code = "69001"
        self.profile.city = "Lyon"
        self.profile.country = "France"
        self.profile.save()
        self.cv = self.cv_of(self.candidate, name="My CV")

    def post(self, **changes):
        data = {
            "first_name": "Jane",
            "last_name": "Doe",
            "phone": "+33 6 00 00 00 00",
            "address": "1 rue de la Paix",
            "postal_code": "69001",
            "city": "Lyon",
            "country": "France",
            "message": "",
            "cv": self.cv.pk,
            "letter": "",
            **changes,
        }
        return self.client.post(self.url, data)

    def test_the_form_shows_the_profile_filled_in(self):
        response = self.client.get(self.url)
        form = response.context["form"]
        self.assertEqual(form["phone"].value(), "+33 6 00 00 00 00")
        self.assertEqual(form["address"].value(), "1 rue de la Paix")
        self.assertEqual(form["postal_code"].value(), "69001")
        self.assertEqual(form["city"].value(), "Lyon")
        self.assertEqual(form["country"].value(), "France")
        self.assertEqual(form["first_name"].value(), "Jane")
        self.assertContains(response, 'autocomplete="address-line1"')
        self.assertContains(response, 'value="1 rue de la Paix"')

    def test_a_draft_keeps_the_changes_in_the_profile(self):
        response = self.post(
            draft="1", phone="+33 7 11 22 33 44", city="Paris", last_name="Martin"
        )
        self.assertEqual(response.status_code, 302)
        self.profile.refresh_from_db()
        self.candidate.refresh_from_db()
        self.assertEqual(self.profile.phone, "+33 7 11 22 33 44")
        self.assertEqual(self.profile.city, "Paris")
        self.assertEqual(self.profile.address, "1 rue de la Paix")
        self.assertEqual(self.candidate.last_name, "Martin")
        profile_page = self.client.get(reverse("candidates:profile"))
        self.assertEqual(profile_page.context["form"]["city"].value(), "Paris")

    def test_a_submission_keeps_the_changes_in_the_profile(self):
        response = self.post(submit="1", address="2 quai Perrache")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            Application.objects.sent().filter(candidate=self.candidate).exists()
        )
        self.profile.refresh_from_db()
        self.assertEqual(self.profile.address, "2 quai Perrache")

    def test_a_blank_field_erases_nothing_in_the_profile(self):
        self.post(draft="1", city="", phone="")
        self.profile.refresh_from_db()
        self.assertEqual(self.profile.city, "Lyon")
        self.assertEqual(self.profile.phone, "+33 6 00 00 00 00")

    def test_a_candidate_without_a_profile_gets_one(self):
        self.profile.delete()
        self.post(draft="1", city="Nantes")
        self.assertEqual(
            CandidateProfile.objects.get(user=self.candidate).city, "Nantes"
        )

    def test_an_invalid_phone_is_refused_and_nothing_is_saved(self):
        response = self.post(submit="1", phone="call me", city="Paris")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-error-summary")
        self.assertTrue(response.context["form"].errors["phone"])
        self.profile.refresh_from_db()
        self.assertEqual(self.profile.city, "Lyon")
        self.assertFalse(Application.objects.filter(candidate=self.candidate).exists())

    def test_a_failed_submission_keeps_nothing_in_the_profile(self):
        """The profile is written in the transaction of the application: when
        the submission fails after it, the profile keeps its old details."""
        with (
            mock.patch(
                "applications.services.queue_submission_emails",
                side_effect=RuntimeError("outbox down"),
            ),
            self.assertRaises(RuntimeError),
        ):
            self.post(submit="1", city="Paris")
        self.profile.refresh_from_db()
        self.assertEqual(self.profile.city, "Lyon")
        self.assertFalse(Application.objects.filter(candidate=self.candidate).exists())

    def test_a_draft_shows_its_own_phone_over_the_profile(self):
        Application.objects.create(
            candidate=self.candidate,
            offer=self.offer,
            first_name="Jane",
            last_name="Doe",
            phone="+33 1 23 45 67 89",
        )
        form = self.client.get(self.url).context["form"]
        self.assertEqual(form["phone"].value(), "+33 1 23 45 67 89")
        self.assertEqual(form["city"].value(), "Lyon")
