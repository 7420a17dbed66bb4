"""HR's side in the Wagtail admin: only HR recruiters reach applications,
candidates and documents; list, filters, search, inspect, status change, notes,
export."""

from __future__ import annotations

import csv
import io

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from applications.choices import Status
from applications.factories import PDF, ApplicationFactory
from applications.models import Application, Note, Stage

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")
CANDIDATES = reverse("candidates_user_modeladmin_index")


class AdminTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sent = ApplicationFactory(
            candidate=cls.candidate,
            offer=cls.offer,
            status=Status.SUBMITTED,
            message='=HYPERLINK("http://evil")',
        )
        cls.draft = ApplicationFactory(candidate=cls.other, offer=cls.offer)

    def setUp(self):
        super().setUp()
        # The files of setUpTestData went to the class's storage: store again.
        from django.core.files.base import ContentFile

        from home.storage import private_storage

        private_storage().save(self.sent.cv.key, ContentFile(PDF))

    def urls(self) -> list[str]:
        return [
            INDEX,
            INDEX + "?export=csv",
            INDEX + "?export=xlsx",
            reverse("applications_application_modeladmin_inspect", args=[self.sent.pk]),
            CANDIDATES,
            reverse("candidates_user_modeladmin_inspect", args=[self.candidate.pk]),
            reverse("applications_document_download", args=[self.sent.cv.pk]),
        ]

    def test_permission_matrix(self):
        for user, allowed in [
            (None, False),
            (self.candidate, False),
            (self.other, False),
            (self.editor, False),
            (self.hr, True),
        ]:
            self.client.logout()
            if user:
                self.client.force_login(user)
            for url in self.urls():
                with self.subTest(user=str(user), url=url):
                    response = self.client.get(url)
                    if allowed:
                        self.assertEqual(response.status_code, 200)
                    else:
                        self.assertIn(response.status_code, (302, 403))
                        self.assertNotIn(
                            b"Jane",
                            b"".join(response)
                            if response.streaming
                            else response.content,
                        )
                    if not allowed:
                        response = self.client.post(
                            url, {"status": Status.HIRED, "text": "x"}
                        )
                        self.assertIn(response.status_code, (302, 403, 405))
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, Status.SUBMITTED)
        self.assertFalse(Note.objects.exists())

    def test_editor_sees_no_menu_item(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, INDEX)
        self.client.force_login(self.hr)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), INDEX)

    def test_list_hides_drafts_and_searches_and_filters(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX)
        self.assertContains(response, "Jane Doe")
        self.assertNotContains(response, self.other.get_full_name())
        for query, found in [
            ("q=jane@example", True),
            (f"q={self.offer.reference}", True),
            ("q=nobody", False),
            ("status__exact=submitted", True),
            ("status__exact=hired", False),
            ("speculative__exact=1", False),
            (f"offer={self.offer.pk}", True),
        ]:
            with self.subTest(query):
                response = self.client.get(f"{INDEX}?{query}")
                self.assertEqual(response.status_code, 200)
                if found:
                    self.assertContains(response, "Jane Doe")
                else:
                    self.assertNotContains(response, "Jane Doe")

    def test_list_queries_do_not_grow_with_rows(self):
        self.client.force_login(self.hr)
        self.client.get(INDEX)
        with CaptureQueriesContext(connection) as first:
            self.client.get(INDEX)
        for _ in range(5):
            ApplicationFactory(offer=None, status=Status.SUBMITTED)
        with CaptureQueriesContext(connection) as second:
            response = self.client.get(INDEX)
        self.assertContains(response, "Speculative application", count=5)
        self.assertEqual(len(first), len(second))

    def test_a_draft_cannot_be_inspected(self):
        self.client.force_login(self.hr)
        url = reverse(
            "applications_application_modeladmin_inspect", args=[self.draft.pk]
        )
        self.assertIn(self.client.get(url).status_code, (302, 403))

    def test_no_create_edit_or_delete(self):
        self.client.force_login(self.hr)
        for action in ("create", "edit", "delete"):
            args = [] if action == "create" else [self.sent.pk]
            url = reverse(f"applications_application_modeladmin_{action}", args=args)
            with self.subTest(action):
                self.assertIn(self.client.get(url).status_code, (302, 403))
        self.assertTrue(Application.objects.filter(pk=self.sent.pk).exists())

    def test_inspect_status_change_with_message_and_notes(self):
        self.client.force_login(self.hr)
        url = reverse(
            "applications_application_modeladmin_inspect", args=[self.sent.pk]
        )
        response = self.client.get(url)
        self.assertContains(response, "Logistics coordinator")  # profile headline
        self.assertContains(
            response, reverse("applications_document_download", args=[self.sent.cv.pk])
        )
        interview = Stage.objects.get(name="Interview")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url,
                {
                    "stage": interview.pk,
                    "notify": "on",
                    "message": "See you Monday.",
                },
            )
        self.assertRedirects(response, url)
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, Status.INTERVIEW)
        [email] = mail.outbox
        self.assertEqual(email.to, ["jane@example.org"])
        self.assertIn("See you Monday.", email.body)
        self.assertIn("arrange an interview", email.body)
        not_selected = Stage.objects.get(name="Not selected")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"stage": not_selected.pk, "message": ""})
        self.assertEqual(len(mail.outbox), 1)  # not told this time
        self.client.post(url, {"add_note": "1", "text": "Strong profile."})
        self.assertEqual(Note.objects.get().author, self.hr)
        response = self.client.get(url)
        self.assertContains(response, "Strong profile.")
        self.assertContains(response, "See you Monday.")
        # The candidate sees the new status, and not the private note.
        self.client.force_login(self.candidate)
        response = self.client.get(self.sent.get_absolute_url())
        self.assertContains(response, "Decision: not selected")
        self.assertNotContains(response, "Strong profile.")

    def test_a_bad_status_is_refused(self):
        self.client.force_login(self.hr)
        url = reverse(
            "applications_application_modeladmin_inspect", args=[self.sent.pk]
        )
        response = self.client.post(url, {"stage": "draft"})
        self.assertEqual(response.status_code, 200)
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, Status.SUBMITTED)
        # The error summary on top of the form, linking to the field.
        self.assertContains(response, 'class="error-summary" role="alert"')
        self.assertContains(response, 'href="#id_stage"')
        # An empty note: the same summary, nothing saved.
        response = self.client.post(url, {"add_note": "1", "text": " "})
        self.assertContains(response, 'class="error-summary" role="alert"')
        self.assertContains(response, 'href="#id_text"')
        self.assertFalse(Note.objects.exists())
        # The admin loads the summary's styles.
        self.assertContains(response, "css/admin.css")

    def test_download_streams_the_document(self):
        self.client.force_login(self.hr)
        response = self.client.get(
            reverse("applications_document_download", args=[self.sent.cv.pk])
        )
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_export_csv_and_xlsx_neutralise_formulas(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX + "?export=csv&status__exact=submitted")
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
        )
        self.assertEqual(rows[0][0], "Candidate")
        self.assertEqual(len(rows), 2)
        self.assertIn("'=HYPERLINK", rows[1][-1])
        response = self.client.get(INDEX + "?export=xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = [cell.value for cell in list(sheet.rows)[1]]
        self.assertIn("Jane Doe", values)
        self.assertTrue(any(str(v).startswith("'=") for v in values))
        response = self.client.get(INDEX + "?export=csv&status__exact=hired")
        self.assertEqual(
            len(b"".join(response.streaming_content).decode().splitlines()), 1
        )

    def test_candidates_list_and_inspect(self):
        self.client.force_login(self.hr)
        response = self.client.get(CANDIDATES + "?q=jane")
        self.assertContains(response, "jane@example.org")
        self.assertNotContains(response, "editor@example.org")
        response = self.client.get(
            reverse("candidates_user_modeladmin_inspect", args=[self.candidate.pk])
        )
        self.assertContains(response, "Python developer")
        self.assertContains(response, "My CV")
        staff = reverse("candidates_user_modeladmin_inspect", args=[self.editor.pk])
        self.assertIn(self.client.get(staff).status_code, (302, 403))

    def test_dashboard_counts_new_applications(self):
        self.client.force_login(self.hr)
        home = reverse("wagtailadmin_home")
        self.assertContains(self.client.get(home), "1 new application")
        # New until the recruiter opens the list of applications.
        self.assertContains(self.client.get(home), "1 new application")
        self.client.get(INDEX + "?export=csv")
        self.assertContains(self.client.get(home), "1 new application")
        self.client.get(INDEX)
        self.assertContains(self.client.get(home), "0 new application")
        ApplicationFactory(offer=self.closed_offer, status=Status.SUBMITTED)
        Application.objects.update(submitted_at=timezone.now())
        self.assertContains(self.client.get(home), "2 new application")
