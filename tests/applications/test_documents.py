"""'My documents': uploads checked from their content, limits, naming, replacing,
deleting, and nobody but the owner reaching a document."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from applications.choices import Status
from applications.factories import PDF, ApplicationFactory
from candidates.models import Document

from .world import (
    DOC,
    DOCX,
    HTML_WITH_PDF_LATER,
    ODT,
    PNG,
    ZIP_BOMB,
    ZIP_WITH_EXE,
    ZIP_WITH_PATH,
    ApplicationsTestCase,
    upload,
)

URL = reverse("candidates:documents")


class DocumentUploadTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)

    def post(self, file, **data):
        return self.client.post(URL, {"kind": "cv", "name": "", "file": file, **data})

    def assert_refused(self, response, text: str) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "error-summary")
        self.assertContains(response, "form-field__error")
        self.assertContains(response, text)
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_each_accepted_type_is_stored_under_a_random_key(self):
        for name, content, file_type in [
            ("cv.pdf", PDF, "pdf"),
            ("old.doc", DOC, "doc"),
            ("letter.docx", DOCX, "docx"),
            ("letter.odt", ODT, "odt"),
            ("no-extension", PDF, "pdf"),
        ]:
            with self.subTest(name):
                response = self.post(upload(name, content, "text/plain"))
                self.assertRedirects(response, URL)
                document = Document.objects.get(
                    file_type=file_type, filename__startswith=name.split(".")[0]
                )
                self.assertEqual(document.owner, self.candidate)
                self.assertNotIn(name.split(".")[0], document.key)
                self.assertRegex(
                    document.key, rf"^documents/[0-9a-f]{{32}}\.{file_type}$"
                )
                self.assertIn(document.key, self.stored_files())
        response = self.client.get(URL)
        self.assertContains(response, "letter")

    def test_bad_files_are_refused_with_a_clear_error_and_nothing_stored(self):
        cases = [
            ("empty.pdf", b"", "file is empty"),
            ("image.pdf", PNG, "is not a PDF"),
            ("page.pdf", HTML_WITH_PDF_LATER, "is not a PDF"),
            ("setup.docx", ZIP_WITH_EXE, "is not a PDF"),
            ("paths.docx", ZIP_WITH_PATH, "is not a PDF"),
            ("bomb.docx", ZIP_BOMB, "is not a PDF"),
            ("broken.docx", b"PK\x03\x04 not really a zip", "is not a PDF"),
        ]
        for name, content, message in cases:
            with self.subTest(name):
                self.assert_refused(self.post(upload(name, content)), message)

    @override_settings(DOCUMENT_MAX_SIZE=len(PDF))
    def test_a_file_one_byte_over_the_limit_is_refused(self):
        self.assert_refused(self.post(upload("cv.pdf", PDF + b"x")), "too large")
        self.assertRedirects(self.post(upload("cv.pdf", PDF)), URL)

    @override_settings(DOCUMENT_MAX_COUNT=2)
    def test_the_library_holds_at_most_the_count_in_settings(self):
        self.post(upload("a.pdf"))
        self.post(upload("b.pdf"))
        response = self.post(upload("c.pdf"))
        self.assertEqual(Document.objects.count(), 2)
        self.assertEqual(len(self.stored_files()), 2)
        self.assertContains(response, "the most allowed")

    def test_names_with_paths_or_control_characters_are_refused(self):
        for name in [
            "../../etc/passwd",
            "a/b",
            "bell\x07",
            "rtl\u202ename",
        ]:
            with self.subTest(name=name):
                self.assert_refused(self.post(upload(), name=name), "cannot contain")

    def test_a_null_character_in_the_name_is_refused(self):
        self.assert_refused(self.post(upload(), name="CV\x00.pdf"), "Null characters")

    def test_the_uploaded_file_name_is_sanitised(self):
        self.post(upload("..\\..\\My\x01 CV<>.exe.pdf", PDF))
        document = Document.objects.get()
        self.assertEqual(document.filename, "My CV.exe.pdf")
        self.assertEqual(document.name, "My CV.exe")
        self.assertNotIn("..", document.key)

    def test_missing_file_gets_a_field_error(self):
        response = self.client.post(URL, {"kind": "cv", "name": "x"})
        self.assert_refused(response, "This field is required")


class DocumentManagementTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.document = self.cv_of(self.candidate, name="Old CV")
        self.client.force_login(self.candidate)

    def test_rename_and_replace(self):
        old_key = self.document.key
        url = reverse("candidates:document_edit", args=[self.document.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url, {"name": "New CV", "kind": "cv", "file": upload("new.docx", DOCX)}
            )
        self.assertRedirects(response, URL)
        self.document.refresh_from_db()
        self.assertEqual(self.document.name, "New CV")
        self.assertEqual(self.document.file_type, "docx")
        self.assertNotEqual(self.document.key, old_key)
        self.assertEqual(self.stored_files(), {self.document.key})

    def test_a_bad_replacement_keeps_the_old_file(self):
        url = reverse("candidates:document_edit", args=[self.document.pk])
        response = self.client.post(
            url, {"name": "New", "kind": "cv", "file": upload("x.pdf", PNG)}
        )
        self.assertContains(response, "error-summary")
        self.document.refresh_from_db()
        self.assertEqual(self.document.name, "Old CV")
        self.assertEqual(self.stored_files(), {self.document.key})

    def test_delete_removes_the_file_and_frees_drafts(self):
        draft = ApplicationFactory(
            candidate=self.candidate, cv=self.document, offer=self.offer
        )
        url = reverse("candidates:document_delete", args=[self.document.pk])
        self.assertContains(self.client.get(url), "Delete")
        with self.captureOnCommitCallbacks(execute=True):
            self.assertRedirects(self.client.post(url), URL)
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), set())
        draft.refresh_from_db()
        self.assertIsNone(draft.cv)

    def test_a_document_sent_with_an_application_is_kept_as_sent(self):
        ApplicationFactory(
            candidate=self.candidate,
            cv=self.document,
            offer=self.offer,
            status=Status.SUBMITTED,
        )
        url = reverse("candidates:document_delete", args=[self.document.pk])
        self.client.post(url)
        self.assertTrue(Document.objects.filter(pk=self.document.pk).exists())
        response = self.client.post(
            reverse("candidates:document_edit", args=[self.document.pk]),
            {"name": "Renamed", "kind": "cv", "file": upload("n.pdf")},
        )
        self.assertContains(response, "HR keeps it as it was")
        self.assertEqual(self.stored_files(), {self.document.key})

    def test_download_by_the_owner(self):
        response = self.client.get(
            reverse("candidates:document_download", args=[self.document.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_nobody_else_reaches_a_document(self):
        urls = [
            reverse(name, args=[self.document.pk])
            for name in (
                "candidates:document_edit",
                "candidates:document_delete",
                "candidates:document_download",
            )
        ]
        for user, expected in [
            (None, 302),
            (self.other, 404),
            (self.editor, 404),
            (self.hr, 404),
        ]:
            self.client.logout()
            if user:
                self.client.force_login(user)
            for url in urls:
                with self.subTest(user=str(user), url=url):
                    self.assertEqual(self.client.get(url).status_code, expected)
                    self.assertEqual(
                        self.client.post(
                            url, {"name": "Stolen", "kind": "cv"}
                        ).status_code,
                        expected,
                    )
        self.document.refresh_from_db()
        self.assertEqual(self.document.name, "Old CV")

    def test_the_list_shows_only_my_documents(self):
        self.cv_of(self.other, name="Bob's secret CV")
        response = self.client.get(URL)
        self.assertContains(response, "Old CV")
        self.assertNotContains(response, "Bob&#x27;s secret CV")
