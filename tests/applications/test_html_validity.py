"""The application form (clean, with errors, speculative) and the offer page in each
of a candidate's states are valid HTML, as the Nu HTML Checker sees them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from applications.choices import Status
from applications.models import Application
from tests.html_checker import validate

from .world import ApplicationsTestCase


@pytest.mark.html_checker
class ApplicationPagesValidityTests(ApplicationsTestCase):
    def test_application_pages_are_valid_html(self):
        self.cv_of(self.candidate, name="My CV")
        self.client.force_login(self.candidate)
        apply_url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        pages = {
            "offer-apply": self.client.get(self.offer.url),
            "apply": self.client.get(apply_url),
            "apply-errors": self.client.post(
                apply_url, {"phone": "call me", "cv": "0", "submit": "1"}
            ),
            "speculative": self.client.get(reverse("applications:speculative")),
        }
        Application.objects.create(
            candidate=self.candidate, offer=self.offer, status=Status.DRAFT
        )
        pages["offer-draft"] = self.client.get(self.offer.url)
        Application.objects.filter(candidate=self.candidate).update(
            status=Status.SUBMITTED
        )
        pages["offer-applied"] = self.client.get(self.offer.url)
        self.assertContains(pages["offer-applied"], "You applied on")
        self.assertContains(pages["apply-errors"], "data-error-summary")

        folder = Path(tempfile.mkdtemp(prefix="html-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        files = []
        for name, response in pages.items():
            self.assertEqual(response.status_code, 200, name)
            file = folder / f"{name}.html"
            file.write_bytes(response.content)
            files.append(file)
        errors = validate(files)
        readable = [
            f"{Path(message['url']).name}:{message.get('lastLine')}: "
            f"{message['message']}"
            for message in errors
        ]
        self.assertEqual(errors, [], "\n".join(readable))
