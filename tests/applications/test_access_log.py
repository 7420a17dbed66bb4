"""The access log: every download of a candidate's document by HR writes one row
(who, which document, from which application, when), a refused one writes none,
and the application's page lists the log."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.choices import Status
from applications.factories import PDF, ApplicationFactory, DocumentFactory
from applications.models import DocumentAccess
from candidates.factories import UserFactory
from candidates.models import Document
from home.groups import HR_RECRUITERS
from home.storage import private_storage

from .world import ApplicationsTestCase


def download_url(document: Document, application=None) -> str:
    url = reverse("applications_document_download", args=[document.pk])
    return f"{url}?application={application.pk}" if application else url


def inspect_url(application) -> str:
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


class AccessLogTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.application = ApplicationFactory(
            candidate=cls.candidate,
            offer=cls.offer,
            status=Status.SUBMITTED,
            letter=DocumentFactory(
                owner=cls.candidate, name="Cover", filename="cover.pdf"
            ),
        )
        cls.cv, cls.letter = cls.application.cv, cls.application.letter
        cls.bobs = ApplicationFactory(
            candidate=cls.other, offer=cls.closed_offer, status=Status.SUBMITTED
        )
        cls.draft = ApplicationFactory(candidate=cls.candidate, offer=cls.closed_offer)
        cls.hr.first_name, cls.hr.last_name = "Hanna", "Ruiz"
        cls.hr.save()

    def setUp(self):
        super().setUp()
        # The files of setUpTestData went to the class's storage: store again.
        for document in Document.objects.all():
            private_storage().save(document.key, ContentFile(PDF))

    def test_each_download_writes_one_row(self):
        self.client.force_login(self.hr)
        response = self.client.get(download_url(self.cv, self.application))
        self.assertEqual(b"".join(response.streaming_content), PDF)
        access = DocumentAccess.objects.get()
        self.assertEqual(access.document, self.cv)
        self.assertEqual(access.application, self.application)
        self.assertEqual(access.accessed_by, self.hr)
        self.assertEqual(access.accessed_by_name, "Hanna Ruiz")
        self.assertEqual(access.action, DocumentAccess.Action.DOWNLOAD)
        self.assertLess(timezone.now() - access.accessed_at, timedelta(minutes=1))

        self.client.get(download_url(self.letter, self.application))
        # From the candidate's page: no application named.
        self.client.get(download_url(self.cv))
        self.assertEqual(
            list(
                DocumentAccess.objects.order_by("pk").values_list(
                    "document", "application"
                )
            ),
            [
                (self.cv.pk, self.application.pk),
                (self.letter.pk, self.application.pk),
                (self.cv.pk, None),
            ],
        )

    def test_a_nameless_recruiter_is_logged_by_username(self):
        recruiter = UserFactory(
            username="recruiter7", first_name="", last_name="", groups=[HR_RECRUITERS]
        )
        self.client.force_login(recruiter)
        self.assertEqual(
            self.client.get(download_url(self.cv, self.application)).status_code, 200
        )
        self.assertEqual(DocumentAccess.objects.get().accessed_by_name, "recruiter7")

    def test_a_refused_download_writes_nothing(self):
        for user in (None, self.candidate, self.other, self.editor):
            self.client.logout()
            if user:
                self.client.force_login(user)
            with self.subTest(user=str(user)):
                response = self.client.get(download_url(self.cv, self.application))
                self.assertIn(response.status_code, (302, 403))
        self.client.force_login(self.hr)
        for url in [
            download_url(self.cv, self.bobs),  # another application's id
            download_url(self.cv, self.draft),  # a draft HR cannot see
            download_url(self.bobs.cv, self.application),
            download_url(self.cv) + "?application=abc",
            download_url(self.cv) + "?application=",
            download_url(self.cv) + "?application=99999999999999999999",
            reverse("applications_document_download", args=[999999]),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertFalse(DocumentAccess.objects.exists())

    def test_a_missing_file_writes_nothing(self):
        private_storage().delete(self.cv.key)
        self.client.force_login(self.hr)
        response = self.client.get(download_url(self.cv, self.application))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(DocumentAccess.objects.exists())

    def test_inspect_links_name_the_application(self):
        self.client.force_login(self.hr)
        response = self.client.get(inspect_url(self.application))
        self.assertContains(response, download_url(self.cv, self.application))
        self.assertContains(response, download_url(self.letter, self.application))
        self.assertContains(response, "Nobody has opened the documents")

    def test_inspect_lists_the_log_newest_first(self):
        now = timezone.now()
        for minutes, name, document, application in [
            (30, "Oldest Reader", self.cv, self.application),
            (20, "Page Reader", self.cv, None),
            (10, "Newest Reader", self.letter, self.application),
            (5, "Bob Reader", self.bobs.cv, self.bobs),  # not this application's
        ]:
            DocumentAccess.objects.create(
                document=document,
                application=application,
                accessed_by=self.hr,
                accessed_by_name=name,
                action=DocumentAccess.Action.DOWNLOAD,
                accessed_at=now - timedelta(minutes=minutes),
            )
        self.client.force_login(self.hr)
        response = self.client.get(inspect_url(self.application))
        content = response.content.decode()
        self.assertContains(response, "Document access log")
        self.assertContains(response, "3 accesses to the documents")
        self.assertContains(response, "<tr data-access>", count=3)
        self.assertNotContains(response, "Bob Reader")
        self.assertLess(content.index("Newest Reader"), content.index("Page Reader"))
        self.assertLess(content.index("Page Reader"), content.index("Oldest Reader"))
        self.assertContains(response, "Cover (cover.pdf)")
        self.assertContains(response, "the candidate’s page")

    def test_the_log_shows_the_latest_fifty_with_the_total(self):
        self.client.force_login(self.hr)
        self.client.get(download_url(self.cv, self.application))
        url = inspect_url(self.application)
        self.client.get(url)
        with CaptureQueriesContext(connection) as one_row:
            self.client.get(url)
        now = timezone.now()
        DocumentAccess.objects.bulk_create(
            DocumentAccess(
                document=self.cv,
                application=self.application,
                accessed_by=self.hr,
                accessed_by_name=f"Reader {number}",
                action=DocumentAccess.Action.DOWNLOAD,
                accessed_at=now + timedelta(seconds=number),
            )
            for number in range(54)
        )
        with CaptureQueriesContext(connection) as many_rows:
            response = self.client.get(url)
        self.assertContains(response, "<tr data-access>", count=50)
        self.assertContains(response, "55 accesses")
        self.assertContains(response, "The latest 50 are shown.")
        self.assertContains(response, "Reader 53")
        self.assertNotContains(response, "Reader 3<")
        self.assertNotContains(response, "Hanna Ruiz")  # the oldest, beyond 50
        self.assertEqual(len(one_row), len(many_rows))

    def test_an_anonymised_application_can_be_inspected(self):
        anonymised, earlier = (
            ApplicationFactory(offer=offer, status=Status.REJECTED)
            for offer in (self.offer, self.closed_offer)
        )
        # Two strangers' applications: no candidate left to link them.
        type(anonymised).objects.filter(pk__in=[anonymised.pk, earlier.pk]).update(
            candidate=None, first_name="", last_name="", anonymised_at=timezone.now()
        )
        self.client.force_login(self.hr)
        response = self.client.get(inspect_url(anonymised))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Other applications of this candidate")
        self.assertNotContains(response, "mailto:")
