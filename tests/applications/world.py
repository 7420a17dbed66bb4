"""What the application tests share: an offer site, people of each role, files of
every kind, and a private storage of their own."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings

from applications.factories import PDF, DocumentFactory
from candidates.factories import (
    CandidateProfileFactory,
    EmailAddressFactory,
    UserFactory,
)
from home.factories import make_site_root
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.models import PortalSettings
from offers.factories import OfferIndexPageFactory, OfferPageFactory
from tests.document_files import doc_bytes, docx_bytes, odt_bytes

PASSWORD = "password"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Real documents, as strict as the upload checks (tests/document_files.py).
DOCX = docx_bytes()
ODT = odt_bytes()
DOC = doc_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
HTML_WITH_PDF_LATER = b"<html><body><script>alert(1)</script>%PDF-1.4</body></html>"
ZIP_WITH_EXE = zip_bytes({"setup.exe": b"MZ\x90\x00" + b"\0" * 200})
ZIP_WITH_PATH = zip_bytes(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "../../evil.txt": b"x",
    }
)
ZIP_BOMB = zip_bytes(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"\0" * (20 * 1024 * 1024),
    }
)


def upload(
    name: str = "cv.pdf", content: bytes = PDF, content_type: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type=content_type or "application/pdf"
    )


class PrivateStorageMixin:
    """Each test writes its documents to a private folder of its own."""

    def setUp(self):
        super().setUp()
        from django.conf import settings

        self.private_dir = tempfile.mkdtemp(prefix="private-")
        override = override_settings(
            STORAGES={
                **settings.STORAGES,
                "private": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": self.private_dir, "base_url": None},
                },
            }
        )
        override.enable()
        self.addCleanup(shutil.rmtree, self.private_dir, ignore_errors=True)
        self.addCleanup(override.disable)

    def stored_files(self) -> set[str]:
        root = Path(self.private_dir)
        return {
            str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()
        }


def make_people():
    """A verified candidate with a profile, another candidate, an HR recruiter and
    a content editor."""
    candidate = UserFactory(
        username="jane", email="jane@example.org", first_name="Jane", last_name="Doe"
    )
    EmailAddressFactory(user=candidate)
    CandidateProfileFactory(user=candidate, phone="+33 6 00 00 00 00")
    other = UserFactory(username="bob", email="bob@example.org")
    EmailAddressFactory(user=other)
    hr = UserFactory(username="hr", email="hr-user@example.org", groups=[HR_RECRUITERS])
    editor = UserFactory(
        username="editor", email="editor@example.org", groups=[CONTENT_EDITORS]
    )
    return candidate, other, hr, editor


class ApplicationsTestCase(PrivateStorageMixin, TestCase):
    """A site with an open and a closed offer, and people of every role."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_root()
        settings_row = PortalSettings.for_site(cls.home.get_site())
        settings_row.hr_email = "hr@example.com"
        settings_row.save()
        cls.index = OfferIndexPageFactory(parent=cls.home)
        cls.offer = OfferPageFactory(
            parent=cls.index, title="Python developer", slug="python-developer"
        )
        cls.closed_offer = OfferPageFactory(
            parent=cls.index, title="Closed job", slug="closed-job", filled=True
        )
        cls.candidate, cls.other, cls.hr, cls.editor = make_people()

    def cv_of(self, user, **kwargs):
        return DocumentFactory(owner=user, **kwargs)
