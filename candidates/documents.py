"""The candidate's document library ("My documents"): checking uploads from their
content, storing them privately under a random key, naming, replacing, deleting and
downloading them.

Uploads are checked from their bytes, never from their name or the browser's type,
and each must be the document it claims to be:

- PDF: ``%PDF-`` at byte 0 and no ``/Encrypt`` key in a trailer (a protected PDF
  cannot be read by HR);
- DOC: an OLE2 compound file holding a ``WordDocument`` stream that starts like
  one (an ``.xls`` or ``.msi`` renamed is refused), without a ``Macros`` storage;
- DOCX: a zip whose ``[Content_Types].xml`` declares the main part as a plain
  Word document, that ``_rels/.rels`` names, with no macro-enabled type and no
  ``vbaProject.bin``;
- ODT: a zip whose first entry is ``mimetype``, stored, holding exactly the
  OpenDocument text type, without Basic or script macros.

Every zip is capped (entry count, sizes, compression ratio) against zip bombs and
refused with an absolute, parent-directory or symbolic-link entry, an executable or
two entries of one name. Then, where clamd is configured, the bytes are scanned
(``core.antivirus``): a file is stored only once all these checks passed.
"""

from __future__ import annotations

import posixpath
import re
import stat
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import IO
from xml.etree.ElementTree import Element, ParseError

import olefile
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.antivirus import (
    ScannerUnavailable,
    VirusFound,
    scan_stream,
    scanning_enabled,
)
from home.storage import (
    STORAGE_ERRORS,
    StorageUnavailable,
    private_download_response,
    private_files_atomic,
    private_storage,
    schedule_deletion,
)

from .models import Document, User

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Limits of a word-processing zip: beyond them it is a zip bomb or not a document.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
# The largest package part read to tell the type ([Content_Types].xml, .rels).
ZIP_MAX_XML_PART = 1024 * 1024
EXECUTABLE_SUFFIXES = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".msi", ".js", ".vbs", ".ps1",
    ".sh", ".jar", ".app",
}  # fmt: skip
# Open Packaging Conventions (OOXML): content types and relationships.
CONTENT_TYPES_PART = "[Content_Types].xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT_RELATIONSHIPS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
}
WORD_MAIN_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
# Content types of parts that carry or declare macros (compared in lower case).
MACRO_CONTENT_TYPES = {
    "application/vnd.ms-word.document.macroenabled.main+xml",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
    "application/vnd.ms-office.vbaproject",
    "application/vnd.ms-word.vbadata+xml",
}
MACRO_PART_NAMES = {"vbaproject.bin", "vbadata.xml"}
# Folders of an OpenDocument file that hold Basic or script macros.
ODF_MACRO_FOLDERS = ("basic/", "scripts/")
# The first two bytes of a Word binary file's WordDocument stream (its FIB):
# 0xA5EC for Word 97 and later, 0xA5DC for Word 6 and 95.
WORD_FIB_IDENTS = {b"\xec\xa5", b"\xdc\xa5"}
# A PDF name token (``/Encrypt``), whose characters may be written ``#hh``.
PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_TRAILER_OR_XREF = re.compile(
    rb"trailer\s*<<|/Type\s*/XRef(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])"
)
PDF_STRING_TOKEN = re.compile(rb"[()\\]")
PDF_DICT_TOKEN = re.compile(rb"<<|>>|[()<%/]")
PDF_LINE_END = re.compile(rb"[\r\n]")
# A trailer or cross-reference dictionary is small; these bound the work a file
# crafted with thousands of them can cause.
PDF_MAX_DICT = 16 * 1024
PDF_MAX_DICTS = 200
FILE_TYPES = {
    "pdf": ("pdf", "application/pdf"),
    "doc": ("doc", "application/msword"),
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
}
ACCEPT = ".pdf,.doc,.docx,.odt," + ",".join(mime for _e, mime in FILE_TYPES.values())
CONTROL_OR_PATH = re.compile(r"[\x00-\x1f\x7f/\\]|\.\.")


def max_size() -> int:
    return settings.DOCUMENT_MAX_SIZE


def max_count() -> int:
    return settings.DOCUMENT_MAX_COUNT


def _not_a_document() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a PDF, Word (DOC, DOCX) or OpenDocument (ODT) "
            "document. Save it in one of these formats and try again."
        ),
        code="file_type",
    )


def _has_macros() -> ValidationError:
    return ValidationError(
        _(
            "This document contains macros, which could run on HR's computers. "
            "Save it as a document without macros (DOCX, ODT or PDF) and upload "
            "it again."
        ),
        code="macros",
    )


def _encrypted_pdf() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is protected by a password, so HR could not open it. Remove "
            "the password and upload it again."
        ),
        code="encrypted",
    )


# --- Zip packages: DOCX and ODT ------------------------------------------------------


def _is_symlink(entry: zipfile.ZipInfo) -> bool:
    """A zip entry made on Unix keeps its file mode in the high 16 bits of
    ``external_attr``; a symbolic link would point outside the package."""
    return entry.create_system == 3 and stat.S_ISLNK(entry.external_attr >> 16)


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in path.parts
        or any(ord(char) < 32 for char in name)
        or re.match(r"^[A-Za-z]:", name) is not None
        or path.suffix.lower() in EXECUTABLE_SUFFIXES
    )


def _check_zip_entries(entries: list[zipfile.ZipInfo]) -> None:
    """Refuses a zip bomb, unsafe names, links and ambiguous duplicates."""
    if not entries or len(entries) > ZIP_MAX_ENTRIES:
        raise _not_a_document()
    total = 0
    seen: set[str] = set()
    for entry in entries:
        name = entry.filename
        folded = name.casefold()
        if _unsafe_name(name) or _is_symlink(entry) or folded in seen:
            raise _not_a_document()
        seen.add(folded)
        total += entry.file_size
        if total > ZIP_MAX_UNCOMPRESSED or (
            entry.file_size > 1024 * 1024
            and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1)
        ):
            raise _not_a_document()


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small part of the package, read no further than ``ZIP_MAX_XML_PART``."""
    entry = archive.getinfo(name)
    if entry.file_size > ZIP_MAX_XML_PART:
        raise _not_a_document()
    with archive.open(entry) as part:
        data = part.read(ZIP_MAX_XML_PART + 1)
    if len(data) > ZIP_MAX_XML_PART:
        raise _not_a_document()
    return data


def _read_xml(archive: zipfile.ZipFile, name: str) -> Element:
    """A part parsed as XML without a DTD nor entities (defusedxml)."""
    try:
        return parse_xml(
            _read_part(archive, name), forbid_dtd=True, forbid_entities=True
        )
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise _not_a_document() from exc


def _part_name(target: str) -> str:
    """An OPC part name as a zip entry name: no leading slash nor ``./``, compared
    without case (part names are case-insensitive)."""
    return posixpath.normpath(target.lstrip("/") or ".").casefold()


def _check_docx(archive: zipfile.ZipFile, names: dict[str, str]) -> None:
    """A Word document, not a macro-enabled one nor something else in OOXML."""
    if any(PurePosixPath(name).name in MACRO_PART_NAMES for name in names):
        raise _has_macros()
    types = _read_xml(archive, names[CONTENT_TYPES_PART.casefold()])
    main_parts = set()
    for element in types:
        content_type = element.get("ContentType", "").strip().lower()
        if content_type in MACRO_CONTENT_TYPES:
            raise _has_macros()
        if (
            element.tag == f"{CONTENT_TYPES_NS}Override"
            and content_type == WORD_MAIN_TYPE
        ):
            main_parts.add(_part_name(element.get("PartName", "")))
    if "_rels/.rels" not in names:
        raise _not_a_document()
    relationships = _read_xml(archive, names["_rels/.rels"])
    targets = [
        element
        for element in relationships
        if element.tag == f"{RELATIONSHIPS_NS}Relationship"
        and element.get("Type") in OFFICE_DOCUMENT_RELATIONSHIPS
    ]
    # One main part, inside the package, declared as a plain Word document.
    if len(targets) != 1 or targets[0].get("TargetMode", "Internal") != "Internal":
        raise _not_a_document()
    main = _part_name(targets[0].get("Target", ""))
    if main not in main_parts or main not in names or main.startswith(".."):
        raise _not_a_document()


def _check_odt(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """An OpenDocument text: ``mimetype`` first and stored, as the standard says,
    with the exact type; no macros."""
    first = entries[0]
    if (
        first.compress_type != zipfile.ZIP_STORED
        or _read_part(archive, first.filename) != ODT_MIMETYPE
        or "content.xml" not in {entry.filename for entry in entries}
    ):
        raise _not_a_document()
    if any(entry.filename.lower().startswith(ODF_MACRO_FOLDERS) for entry in entries):
        raise _has_macros()


def _zip_type(upload: UploadedFile) -> str:
    """``docx`` or ``odt`` for a sound word-processing zip; raises otherwise."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            _check_zip_entries(entries)
            names = {entry.filename.casefold(): entry.filename for entry in entries}
            if entries[0].filename == "mimetype":
                _check_odt(archive, entries)
                return "odt"
            if CONTENT_TYPES_PART.casefold() in names:
                _check_docx(archive, names)
                return "docx"
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,  # corrupt compressed data
        NotImplementedError,  # an unknown compression method
        RuntimeError,  # an encrypted entry
        OSError,
        EOFError,
        KeyError,
        ValueError,
    ) as exc:
        raise _not_a_document() from exc
    finally:
        upload.seek(0)
    raise _not_a_document()


# --- OLE2 compound files: DOC --------------------------------------------------------


def _ole_type(upload: UploadedFile) -> str:
    """``doc`` for a Word binary file: a compound file whose directory holds a
    ``WordDocument`` stream starting with Word's identifier; an Excel workbook, an
    installer or any other compound file is refused, as are Word macros."""
    upload.seek(0)
    try:
        with olefile.OleFileIO(upload, raise_defects=olefile.DEFECT_INCORRECT) as ole:
            if ole.exists("Macros") or ole.exists("_VBA_PROJECT_CUR"):
                raise _has_macros()
            if ole.get_type("WordDocument") != olefile.STGTY_STREAM:
                raise _not_a_document()
            with ole.openstream("WordDocument") as stream:
                if stream.read(2) not in WORD_FIB_IDENTS:
                    raise _not_a_document()
    except ValidationError:
        raise
    except Exception as exc:  # whatever olefile trips on: not a document
        raise _not_a_document() from exc
    finally:
        upload.seek(0)
    return "doc"


# --- PDF -----------------------------------------------------------------------------


def _pdf_dict_names(data: bytes, start: int) -> set[bytes]:
    """The names written at the top level of the dictionary opening at ``start``
    (``<<``), ``#hh`` escapes decoded; empty when it does not close in time.

    Strings, hex strings and comments are skipped, so a name inside them is not
    taken for a key."""
    names: set[bytes] = set()
    depth = 0
    position = start
    end = min(len(data), start + PDF_MAX_DICT)
    while position < end:
        token = PDF_DICT_TOKEN.search(data, position, end)
        if token is None:
            return set()
        found = token.group()
        position = token.end()
        if found == b"<<":
            depth += 1
        elif found == b">>":
            depth -= 1
            if depth == 0:
                return names
        elif found == b"(":  # a literal string, with nesting and escapes
            nesting = 1
            while nesting:
                char = PDF_STRING_TOKEN.search(data, position, end)
                if char is None:
                    return set()
                position = char.end() + (1 if char.group() == b"\\" else 0)
                nesting += {b"(": 1, b")": -1}.get(char.group(), 0)
        elif found == b"<":  # a hex string
            closing = data.find(b">", position, end)
            position = end if closing < 0 else closing + 1
        elif found == b"%":  # a comment, to the end of the line
            line_end = PDF_LINE_END.search(data, position, end)
            position = end if line_end is None else line_end.end()
        elif found == b"/":
            name = PDF_NAME.match(data, token.start(), end)
            if name is not None:
                position = name.end()
                if depth == 1:
                    names.add(
                        PDF_NAME_ESCAPE.sub(
                            lambda m: bytes([int(m[1], 16)]), name.group(1)
                        )
                    )
    return set()


def _in_pdf_comment(data: bytes, position: int) -> bool:
    """Whether a ``%`` earlier on the line makes ``position`` part of a comment
    (looking back ``PDF_MAX_DICT`` bytes at most)."""
    window = max(0, position - PDF_MAX_DICT)
    line_start = max(
        data.rfind(b"\n", window, position), data.rfind(b"\r", window, position)
    )
    return data.find(b"%", max(line_start + 1, window), position) >= 0


def _pdf_trailer_starts(data: bytes) -> Iterator[int]:
    """Where the ``trailer`` and cross-reference stream dictionaries open; the
    first ``PDF_MAX_DICTS`` candidates only."""
    for count, match in enumerate(PDF_TRAILER_OR_XREF.finditer(data)):
        if count >= PDF_MAX_DICTS:
            return
        if _in_pdf_comment(data, match.start()):
            continue
        if match.group().startswith(b"trailer"):
            yield match.end() - 2
            continue
        # /Type /XRef: the dictionary of the object it belongs to.
        header = data.rfind(b"obj", max(0, match.start() - PDF_MAX_DICT), match.start())
        opening = data.find(b"<<", header, match.start()) if header >= 0 else -1
        if opening >= 0:
            yield opening


def is_encrypted_pdf(data: bytes) -> bool:
    """Whether a trailer of the PDF names an encryption dictionary (``/Encrypt``).

    No PDF library is a dependency of the project (pypdf is not installed), and
    this is all that is needed: the key only ever sits in a classic ``trailer``
    dictionary or in the dictionary of a cross-reference stream (``/Type /XRef``,
    PDF 1.5), both written in clear even when everything else is compressed or
    encrypted. Each such dictionary is read token by token (strings, hex strings
    and comments skipped, ``#hh`` escapes in names decoded), so ``/Encrypt`` in a
    text or a stream is not mistaken for the key; the work is bounded by
    ``PDF_MAX_DICTS`` dictionaries of ``PDF_MAX_DICT`` bytes.
    """
    return any(
        b"Encrypt" in _pdf_dict_names(data, start)
        for start in _pdf_trailer_starts(data)
    )


def _pdf_type(upload: UploadedFile) -> str:
    upload.seek(0)
    data = upload.read(max_size() + 1)
    upload.seek(0)
    if is_encrypted_pdf(data):
        raise _encrypted_pdf()
    return "pdf"


def detect_file_type(upload: UploadedFile) -> str:
    """The document's type from its bytes: ``pdf``, ``doc``, ``docx`` or ``odt``;
    raises ``ValidationError`` for anything else, or a document that is not what
    it claims to be."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return _pdf_type(upload)
    if head == OLE2_MAGIC:
        return _ole_type(upload)
    if head.startswith(ZIP_MAGIC):
        return _zip_type(upload)
    raise _not_a_document()


# --- Virus scanning ------------------------------------------------------------------


def scan_upload(stream: IO[bytes]) -> datetime | None:
    """Scans the file with clamd where one is configured; returns when it was
    found clean (None: not scanned). Raises ``ValidationError`` otherwise."""
    try:
        scanned = scan_stream(stream)
    except VirusFound as found:
        raise ValidationError(
            _("This file contains a virus or malware (%(name)s) and was not stored."),
            params={"name": found.signature},
            code="virus",
        ) from found
    except ScannerUnavailable as exc:
        raise ValidationError(
            _(
                "Your file could not be checked for viruses right now and was not "
                "stored. Please try again in a few minutes."
            ),
            code="scan_unavailable",
        ) from exc
    return timezone.now() if scanned else None


def scan_stored_document(document: Document) -> None:
    """Makes sure a stored document was scanned before HR gets it: one uploaded
    before clamd was configured is scanned now, and ``scanned_at`` recorded.
    Raises ``VirusFound``, ``ScannerUnavailable`` or ``StorageUnavailable``."""
    if document.scanned_at is not None or not scanning_enabled():
        return
    try:
        with private_storage().open(document.key, "rb") as stored:
            stored.seek(0)  # S3: fetches the object here, not during the scan
            scan_stream(stored)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except STORAGE_ERRORS as exc:
        raise StorageUnavailable from exc
    document.scanned_at = timezone.now()
    Document.objects.filter(pk=document.pk).update(scanned_at=document.scanned_at)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Checks size, content and (with clamd) viruses of an uploaded document;
    raises ``ValidationError`` with a message for the candidate."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_size():
        raise ValidationError(
            _("The file is too large: %(size)s at most.")
            % {"size": filesizeformat(max_size())},
            code="too_large",
        )
    file_type = detect_file_type(upload)
    return CheckedUpload(upload, file_type, scan_upload(upload))


def clean_display_name(value: str) -> str:
    """A name typed by the candidate: no control characters nor path parts."""
    value = unicodedata.normalize("NFC", value).strip()
    if CONTROL_OR_PATH.search(value) or any(
        unicodedata.category(char) in {"Cc", "Cf"} for char in value
    ):
        raise ValidationError(
            _("The name cannot contain /, \\, .. or invisible characters."),
            code="name",
        )
    return " ".join(value.split())


def sanitise_filename(value: str, file_type: str) -> str:
    """The name a download gets: the uploaded name's base, cleaned, with the
    extension of the type found in the content."""
    value = unicodedata.normalize("NFC", value or "")
    value = value.replace("\\", "/").rsplit("/", 1)[-1]
    value = "".join(
        char
        for char in value
        if unicodedata.category(char)[0] != "C" and char not in '<>:"|?*'
    )
    stem = PurePosixPath(value).stem.strip(" .") if value else ""
    stem = " ".join(stem.split())[:80] or "document"
    return f"{stem}.{FILE_TYPES[file_type][0]}"


@dataclass
class CheckedUpload:
    """An upload that passed ``check_upload()``; ``scanned_at`` is when clamd found
    it clean (None where no scanner is configured)."""

    upload: UploadedFile
    file_type: str
    scanned_at: datetime | None = None

    def store(self, files, owner: User, kind: str, name: str = "") -> Document:
        """Saves the file under a random key and its row (inside
        ``private_files_atomic()``)."""
        extension = FILE_TYPES[self.file_type][0]
        key = files.save(self.upload, f"documents/{uuid.uuid4().hex}.{extension}")
        filename = sanitise_filename(self.upload.name, self.file_type)
        return Document.objects.create(
            owner=owner,
            kind=kind,
            name=name or PurePosixPath(filename).stem,
            filename=filename,
            key=key,
            file_type=self.file_type,
            size=self.upload.size,
            scanned_at=self.scanned_at,
        )


def upload_help_text() -> str:
    """The formats and size allowed, in the language of the page showing the field
    (fields are built once, at import, so the text is made each time it is shown)."""
    return _("PDF, DOC, DOCX or ODT; %(size)s at most.") % {
        "size": filesizeformat(settings.DOCUMENT_MAX_SIZE)
    }


class DocumentFileField(forms.FileField):
    """A file field that checks the content; ``cleaned_data`` holds a
    ``CheckedUpload``."""

    widget = forms.ClearableFileInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", lazy(upload_help_text, str)())
        super().__init__(**kwargs)
        self.widget = forms.FileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        return check_upload(upload)


class DocumentUploadForm(forms.Form):
    """A new document for the library."""

    file = DocumentFileField(label=gettext_lazy("File"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        choices=Document.Kind.choices,
        initial=Document.Kind.CV,
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "For example: CV in English. Leave empty to use the file's name."
        ),
    )

    def clean_name(self) -> str:
        return clean_display_name(self.cleaned_data["name"])


class DocumentEditForm(forms.Form):
    """A document's new name or kind, and optionally a new file in its place."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"), choices=Document.Kind.choices
    )
    file = DocumentFileField(
        label=gettext_lazy("Replace the file (optional)"), required=False
    )

    def clean_name(self) -> str:
        name = clean_display_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Give the document a name."), code="required")
        return name


def documents_of(user: User) -> QuerySet[Document]:
    return Document.objects.filter(owner=user)


def lock_library(user: User) -> bool:
    """Serialises the writes of one candidate's library (the count limit), and
    of an erasure of the account; False when the account is gone (erased)."""
    return User.objects.select_for_update().filter(pk=user.pk).first() is not None


def library_full_error(user: User) -> ValidationError | None:
    if documents_of(user).count() >= max_count():
        return ValidationError(
            _(
                "You already keep %(count)d documents, the most allowed. Delete one "
                "you no longer need, then try again."
            )
            % {"count": max_count()},
            code="too_many",
        )
    return None


def add_document(
    user: User, checked: CheckedUpload, kind: str, name: str = ""
) -> Document:
    """Stores a new document in the library; raises ``ValidationError`` when the
    library is full, ``StorageUnavailable`` when the storage is down."""
    with private_files_atomic() as files:
        if not lock_library(user):
            raise ValidationError(_("Your account no longer exists."), code="gone")
        error = library_full_error(user)
        if error:
            raise error
        return checked.store(files, user, kind, name)


def used_by_sent_application(document: Document) -> bool:
    """Whether HR holds the document with an application sent (it then stays as
    it was sent)."""
    return (
        document.applications_as_cv.exclude(status="draft").exists()
        or document.applications_as_letter.exclude(status="draft").exists()
    )


def delete_document(document: Document) -> None:
    """Deletes the row now and the file once the transaction commits (a signal
    does, see candidates/signals.py); drafts that used the document forget it."""
    with transaction.atomic():
        document.applications_as_cv.filter(status="draft").update(cv=None)
        document.applications_as_letter.filter(status="draft").update(letter=None)
        document.delete()


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """ "My documents": the library and the form to add a document."""
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = add_document(
                request.user,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                form.cleaned_data["name"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        except StorageUnavailable as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("“%(name)s” is in your documents.") % {"name": document}
            )
            return redirect("candidates:documents")
    return library_page(request, form)


def library_page(
    request: HttpRequest, form: DocumentUploadForm, status: int = 200
) -> HttpResponse:
    documents = list(documents_of(request.user))
    return render(
        request,
        "candidates/documents.html",
        {
            "form": form,
            "documents": documents,
            "max_count": max_count(),
            "full": len(documents) >= max_count(),
        },
        status=status,
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Renames a document, changes its kind or replaces its file."""
    document = get_object_or_404(documents_of(request.user), pk=pk)
    form = DocumentEditForm(
        request.POST or None,
        request.FILES or None,
        initial={"name": document.name, "kind": document.kind},
    )
    locked = used_by_sent_application(document)
    if request.method == "POST" and form.is_valid():
        checked = form.cleaned_data["file"]
        if checked and locked:
            form.add_error(
                "file",
                _(
                    "This document was sent with an application, so HR keeps it as "
                    "it was. Add the new version as a new document instead."
                ),
            )
        else:
            try:
                with private_files_atomic() as files:
                    old_key = document.key
                    document.name = form.cleaned_data["name"]
                    document.kind = form.cleaned_data["kind"]
                    if checked:
                        extension = FILE_TYPES[checked.file_type][0]
                        document.key = files.save(
                            checked.upload, f"documents/{uuid.uuid4().hex}.{extension}"
                        )
                        document.filename = sanitise_filename(
                            checked.upload.name, checked.file_type
                        )
                        document.file_type = checked.file_type
                        document.size = checked.upload.size
                        document.scanned_at = checked.scanned_at
                        schedule_deletion(old_key)
                    document.save()
            except StorageUnavailable as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("“%(name)s” is saved.") % {"name": document}
                )
                return redirect("candidates:documents")
    return render(
        request,
        "candidates/document_form.html",
        {"form": form, "document": document, "locked": locked},
    )


@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks, then deletes a document that no sent application holds."""
    document = get_object_or_404(documents_of(request.user), pk=pk)
    locked = used_by_sent_application(document)
    if request.method == "POST" and not locked:
        delete_document(document)
        messages.success(request, _("“%(name)s” is deleted.") % {"name": document})
        return redirect("candidates:documents")
    return render(
        request,
        "candidates/document_confirm_delete.html",
        {"document": document, "locked": locked},
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, for its owner only (HR downloads through the admin); "My
    documents" with a message while the storage cannot be read."""
    document = get_object_or_404(documents_of(request.user), pk=pk)
    try:
        return private_download_response(request, document.key, document.filename)
    except StorageUnavailable as error:
        messages.error(request, error.message)
        return library_page(request, DocumentUploadForm(), status=503)
