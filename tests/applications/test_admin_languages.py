"""HR sees the language of each candidate and of each application in the admin's
lists, and filters by it."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory
from candidates.factories import UserFactory

from .world import ApplicationsTestCase

BILINGUAL = [("en", "English"), ("fr", "Français")]


@override_settings(LANGUAGES=BILINGUAL)
class LanguageListTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.carl = UserFactory(
            username="carl", first_name="Carl", last_name="Hale", language="fr"
        )
        cls.dana = UserFactory(
            username="dana", first_name="Dana", last_name="Vey", language="en"
        )
        ApplicationFactory(
            candidate=cls.carl, offer=cls.offer, status=Status.SUBMITTED, language="fr"
        )
        ApplicationFactory(
            candidate=cls.dana, offer=cls.offer, status=Status.SUBMITTED, language="en"
        )

    def setUp(self):
        super().setUp()
        self.client.force_login(self.hr)

    def names(self, url: str, query: str) -> set[str]:
        response = self.client.get(f"{url}?{query}")
        self.assertEqual(response.status_code, 200, query)
        content = response.content.decode()
        return {name for name in ("Carl Hale", "Dana Vey") if name in content}

    def test_applications_show_and_filter_their_language(self):
        url = reverse("applications_application_modeladmin_index")
        response = self.client.get(url)
        self.assertContains(response, "Français")
        self.assertContains(response, "?language__exact=fr")
        self.assertEqual(self.names(url, "language__exact=fr"), {"Carl Hale"})
        self.assertEqual(self.names(url, "language__exact=en"), {"Dana Vey"})

    def test_candidates_show_and_filter_their_language(self):
        url = reverse("candidates_user_modeladmin_index")
        response = self.client.get(url)
        self.assertContains(response, "Français")
        self.assertEqual(self.names(url, "language__exact=fr"), {"Carl Hale"})
        self.assertEqual(self.names(url, "language__exact=en"), {"Dana Vey"})
