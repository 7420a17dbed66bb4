"""Hostile documents: each file is built here byte by byte and posted through the
real upload views ("My documents", replacing a document, the application form).
A document that is not what it claims (macros, a workbook renamed .doc, links and
paths in a zip, a password on a PDF) is refused with a clear message on the field,
nothing stored, never a 500; downloads are sandboxed attachments. No clamd is
needed here: tests/integration/test_clamav.py runs a real one."""

from __future__ import annotations

import io
import warnings
import zipfile
from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import override_settings
from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory, DocumentFactory
from applications.models import Application, DocumentAccess
from candidates.documents import is_encrypted_pdf
from candidates.models import Document
from home.storage import private_storage
from tests.applications.world import ApplicationsTestCase, upload
from tests.document_files import (
    DOCM_MAIN_TYPE,
    DOTM_MAIN_TYPE,
    ODT_MIMETYPE,
    compound_file,
    doc_bytes,
    docx_bytes,
    docx_entries,
    encrypted_pdf_bytes,
    encrypted_xref_stream_pdf_bytes,
    msi_like_bytes,
    odt_bytes,
    pdf_bytes,
    xls_bytes,
    zip_package,
)

URL = reverse("candidates:documents")
NOT_A_DOCUMENT = "is not a PDF, Word (DOC, DOCX) or OpenDocument (ODT) document"
MACROS = "This document contains macros"
PASSWORD = "This PDF is protected by a password"
SCAN_UNAVAILABLE = "could not be checked for viruses right now and was not stored"


def duplicate_entry_docx() -> bytes:
    """A docx with two ``word/document.xml``: readers differ on which one wins."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in docx_entries().items():
                archive.writestr(name, content)
            archive.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


def docx_with_main_target(target: bytes, extra: dict[str, bytes] | None = None):
    """A docx whose package relationships name ``target`` as the main part."""
    entries = {**docx_entries(), **(extra or {})}
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(
        b'Target="word/document.xml"', b'Target="' + target + b'"'
    )
    return zip_package(entries)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b"&b;</Types>"
)

HOSTILE = [
    # (file name, content, what the message says)
    ("macros.docx", docx_bytes(DOCM_MAIN_TYPE), MACROS),
    ("template.docx", docx_bytes(DOTM_MAIN_TYPE), MACROS),
    (
        "vba.docx",
        docx_bytes(extra={"word/vbaProject.bin": b"\xcc\x61" + b"\0" * 64}),
        MACROS,
    ),
    (
        "vba-type.docx",
        docx_bytes(
            extra_types='<Default Extension="bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>'
        ),
        MACROS,
    ),
    (
        "link.docx",
        docx_bytes(symlinks={"word/media/image1.png": b"/etc/passwd"}),
        NOT_A_DOCUMENT,
    ),
    (
        "parent.docx",
        docx_bytes(extra={"word/../../outside.xml": b"<x/>"}),
        NOT_A_DOCUMENT,
    ),
    ("absolute.docx", docx_bytes(extra={"/etc/cron.d/x": b"x"}), NOT_A_DOCUMENT),
    (
        "no-main.docx",
        zip_package(
            {
                **docx_entries(),
                "[Content_Types].xml": docx_entries()["[Content_Types].xml"].replace(
                    b"Override", b"Default"
                ),
            }
        ),
        NOT_A_DOCUMENT,
    ),
    (
        "spreadsheet.docx",
        docx_bytes(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        ),
        NOT_A_DOCUMENT,
    ),
    (
        "entities.docx",
        zip_package({**docx_entries(), "[Content_Types].xml": BILLION_LAUGHS}),
        NOT_A_DOCUMENT,
    ),
    (
        "no-rels.docx",
        zip_package({k: v for k, v in docx_entries().items() if k != "_rels/.rels"}),
        NOT_A_DOCUMENT,
    ),
    ("twice.docx", duplicate_entry_docx(), NOT_A_DOCUMENT),
    # The main part Word opens is another than the one declared a Word document.
    (
        "other-main.docx",
        docx_with_main_target(b"word/other.xml", {"word/other.xml": b"<x/>"}),
        NOT_A_DOCUMENT,
    ),
    ("outside.docx", docx_with_main_target(b"../word/document.xml"), NOT_A_DOCUMENT),
    ("workbook.doc", xls_bytes(), NOT_A_DOCUMENT),
    ("setup.doc", msi_like_bytes(), NOT_A_DOCUMENT),
    (
        "fake-word.doc",
        compound_file({"WordDocument": b"MZ\x90\x00 not a FIB"}),
        NOT_A_DOCUMENT,
    ),
    ("macros.doc", doc_bytes(storages=("Macros",)), MACROS),
    ("broken.doc", doc_bytes()[:1024], NOT_A_DOCUMENT),
    (
        "spreadsheet.odt",
        odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
        NOT_A_DOCUMENT,
    ),  # fmt: skip
    ("padded.odt", odt_bytes(ODT_MIMETYPE + b"\n"), NOT_A_DOCUMENT),
    (
        "deflated.odt",
        zip_package({"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>"}),
        NOT_A_DOCUMENT,
    ),
    ("basic.odt", odt_bytes(extra={"Basic/Standard/Module1.xml": b"<x/>"}), MACROS),
    ("locked.pdf", encrypted_pdf_bytes(), PASSWORD),
    ("locked-1.5.pdf", encrypted_xref_stream_pdf_bytes(), PASSWORD),
]

ACCEPTED = [
    ("cv.pdf", pdf_bytes(), "pdf"),
    # /Encrypt in the text of a page, or in a string of the trailer, is no key.
    ("about-pdf.pdf", pdf_bytes(b"the /Encrypt 6 0 R key"), "pdf"),
    ("info.pdf", pdf_bytes(trailer_extra=b"/Note (/Encrypt 6 0 R)"), "pdf"),
    ("letter.docx", docx_bytes(), "docx"),
    ("absolute.docx", docx_with_main_target(b"/word/document.xml"), "docx"),
    ("dotted.docx", docx_with_main_target(b"./word/document.xml"), "docx"),
    ("old.doc", doc_bytes(), "doc"),
    ("letter.odt", odt_bytes(), "odt"),
]


class HostileUploadTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)

    def post(self, name: str, content: bytes):
        return self.client.post(
            URL, {"kind": "cv", "name": "", "file": upload(name, content)}
        )

    def assert_refused(self, response, message: str) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "form-field__error")
        self.assertContains(response, message)
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_documents_that_are_not_what_they_claim_are_refused(self):
        for name, content, message in HOSTILE:
            with self.subTest(name):
                self.assert_refused(self.post(name, content), message)

    def test_the_password_message_says_what_to_do(self):
        response = self.post("locked.pdf", encrypted_pdf_bytes())
        self.assertContains(response, "Remove the password and upload it again.")

    def test_sound_documents_are_accepted(self):
        for name, content, file_type in ACCEPTED:
            with self.subTest(name):
                response = self.post(name, content)
                self.assertEqual(response.status_code, 302)
                document = Document.objects.get()
                self.assertEqual(document.file_type, file_type)
                self.assertIsNone(document.scanned_at)  # no scanner in the tests
                self.assertIn(document.key, self.stored_files())
                document.delete()
                private_storage().delete(document.key)

    def test_a_hostile_replacement_keeps_the_old_file(self):
        document = DocumentFactory(owner=self.candidate)
        url = reverse("candidates:document_edit", args=[document.pk])
        response = self.client.post(
            url,
            {
                "name": "CV",
                "kind": "cv",
                "file": upload("new.docx", docx_bytes(DOCM_MAIN_TYPE)),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, MACROS)
        self.assertEqual(Document.objects.get().key, document.key)
        self.assertEqual(self.stored_files(), {document.key})

    def test_the_application_form_refuses_them_too(self):
        url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        for name, content, message in [
            ("cv.docx", docx_bytes(DOCM_MAIN_TYPE), MACROS),
            ("cv.doc", xls_bytes(), NOT_A_DOCUMENT),
            ("cv.pdf", encrypted_pdf_bytes(), PASSWORD),
        ]:
            with self.subTest(name):
                response = self.client.post(
                    url,
                    {
                        "first_name": "Jane",
                        "last_name": "Doe",
                        "cv_upload": upload(name, content),
                        "draft": "1",
                    },
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertFalse(Application.objects.exists())
                self.assertFalse(Document.objects.exists())
                self.assertEqual(self.stored_files(), set())

    @override_settings(CLAMD_SOCKET="/en/nonexistent/clamd.sock", CLAMD_TIMEOUT=2)
    def test_with_the_scanner_unreachable_nothing_is_stored(self):
        self.assert_refused(self.post("cv.pdf", pdf_bytes()), SCAN_UNAVAILABLE)
        self.assertContains(
            self.post("cv.pdf", pdf_bytes()), "Please try again in a few minutes."
        )


class PdfEncryptionTests(ApplicationsTestCase):
    def test_only_a_trailer_key_counts(self):
        self.assertTrue(is_encrypted_pdf(encrypted_pdf_bytes()))
        self.assertTrue(is_encrypted_pdf(encrypted_xref_stream_pdf_bytes()))
        self.assertFalse(is_encrypted_pdf(pdf_bytes()))
        self.assertFalse(is_encrypted_pdf(pdf_bytes(b"/Encrypt 6 0 R")))
        self.assertFalse(
            is_encrypted_pdf(pdf_bytes(comment=b"trailer << /Encrypt 6 0 R >>"))
        )
        # An encryption dictionary alone, not named by a trailer, is no protection.
        self.assertFalse(
            is_encrypted_pdf(pdf_bytes(extra_objects=(b"<< /Encrypt 1 0 R >>",)))
        )

    def test_a_crafted_file_costs_little(self):
        # Thousands of unclosed trailers: the work is bounded, the answer is no.
        crafted = b"%PDF-1.4\n" + b"trailer << (" * 200_000
        self.assertFalse(is_encrypted_pdf(crafted))


class DownloadHeaderTests(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.application = ApplicationFactory(
            candidate=cls.candidate, offer=cls.offer, status=Status.SUBMITTED
        )
        cls.document = cls.application.cv

    def setUp(self):
        super().setUp()
        # The file of setUpTestData went to the class's storage: store it again.
        private_storage().save(self.document.key, ContentFile(pdf_bytes()))

    def assert_sandboxed_attachment(self, response) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), pdf_bytes())
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response["Content-Security-Policy"], "sandbox")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        # Wagtail's admin adds never_cache's directives to HR's download.
        self.assertIn("private, no-store", response["Cache-Control"])
        self.assertEqual(response["Content-Type"], "application/pdf")

    def candidate_url(self) -> str:
        return reverse("candidates:document_download", args=[self.document.pk])

    def hr_url(self) -> str:
        url = reverse("applications_document_download", args=[self.document.pk])
        return f"{url}?application={self.application.pk}"

    def test_the_candidate_gets_a_sandboxed_attachment(self):
        self.client.force_login(self.candidate)
        self.assert_sandboxed_attachment(self.client.get(self.candidate_url()))

    def test_hr_gets_a_sandboxed_attachment(self):
        self.client.force_login(self.hr)
        self.assert_sandboxed_attachment(self.client.get(self.hr_url()))
        self.assertEqual(DocumentAccess.objects.count(), 1)

    def test_a_storage_outage_is_a_message_not_a_500(self):
        with mock.patch.object(
            FileSystemStorage, "open", side_effect=OSError("disk gone")
        ):
            self.client.force_login(self.candidate)
            response = self.client.get(self.candidate_url())
            self.assertEqual(response.status_code, 503)
            self.assertContains(response, "cannot be read right now", status_code=503)
            self.client.force_login(self.hr)
            response = self.client.get(self.hr_url(), follow=True)
            self.assertContains(response, "cannot be read right now")
        self.assertFalse(DocumentAccess.objects.exists())

    @override_settings(CLAMD_SOCKET="/en/nonexistent/clamd.sock", CLAMD_TIMEOUT=2)
    def test_hr_never_downloads_an_unscanned_file(self):
        self.client.force_login(self.hr)
        response = self.client.get(self.hr_url())
        inspect = reverse(
            "applications_application_modeladmin_inspect", args=[self.application.pk]
        )
        self.assertRedirects(response, inspect, fetch_redirect_response=False)
        page = self.client.get(inspect)
        self.assertContains(page, "could not be checked for viruses right now")
        self.assertFalse(DocumentAccess.objects.exists())
        self.assertIsNone(Document.objects.get(pk=self.document.pk).scanned_at)
        # Without ?application=, back to the candidate's page.
        response = self.client.get(
            reverse("applications_document_download", args=[self.document.pk])
        )
        self.assertRedirects(
            response,
            reverse("candidates_user_modeladmin_inspect", args=[self.candidate.pk]),
            fetch_redirect_response=False,
        )
