"""A returning candidate: the newest CV chosen for them, CVs and letters each in
their own list, and "No motivation letter" a choice."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from applications.choices import Status
from applications.models import Application
from candidates.models import Document

from .world import ApplicationsTestCase


def radios(html: str, name: str) -> dict[str, bool]:
    """The radio buttons named ``name``: value -> checked."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and 'type="radio"' in tag:
            value = re.search(r'value="([^"]*)"', tag).group(1)
            found[value] = " checked" in tag
    return found


class ReturningCandidateTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)
        self.url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        now = timezone.now()
        self.old_cv = self.cv_of(
            self.candidate, name="Old CV", uploaded_at=now - timedelta(days=30)
        )
        self.new_cv = self.cv_of(
            self.candidate, name="New CV", uploaded_at=now - timedelta(days=1)
        )
        self.letter = self.cv_of(
            self.candidate, name="Letter", kind=Document.Kind.LETTER
        )

    def test_the_newest_cv_is_chosen_and_each_list_has_its_kind(self):
        html = self.client.get(self.url).content.decode()
        cvs = radios(html, "cv")
        letters = radios(html, "letter")
        self.assertEqual(set(cvs), {str(self.old_cv.pk), str(self.new_cv.pk)})
        self.assertTrue(cvs[str(self.new_cv.pk)])
        self.assertFalse(cvs[str(self.old_cv.pk)])
        self.assertEqual(set(letters), {"", str(self.letter.pk)})
        self.assertTrue(letters[""])  # no letter unless one is chosen
        self.assertIn("No motivation letter", html)

    def test_sent_in_one_tap_with_the_chosen_cv_and_no_letter(self):
        response = self.client.post(
            self.url,
            {
                "first_name": "Jane",
                "last_name": "Doe",
                "phone": "",
                "message": "",
                "cv": self.new_cv.pk,
                "letter": "",
                "submit": "1",
            },
        )
        self.assertEqual(response.status_code, 302)
        sent = Application.objects.get(candidate=self.candidate, offer=self.offer)
        self.assertNotEqual(sent.status, Status.DRAFT)
        self.assertEqual(sent.cv, self.new_cv)
        self.assertIsNone(sent.letter)

    def test_a_document_of_the_wrong_kind_is_refused(self):
        response = self.client.post(
            self.url,
            {
                "first_name": "Jane",
                "last_name": "Doe",
                "cv": self.letter.pk,
                "letter": self.new_cv.pk,
                "submit": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("cv", form.errors)
        self.assertIn("letter", form.errors)
        self.assertFalse(
            Application.objects.filter(candidate=self.candidate)
            .exclude(status=Status.DRAFT)
            .exists()
        )
