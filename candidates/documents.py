"""The candidate's document library ("My documents"): checking uploads from their
content, storing them privately under a random key, naming, replacing, deleting and
downloading them.

Uploads are checked from their bytes, never from their name or the browser's type:
``%PDF-`` at byte 0, the OLE2 signature of a legacy Word file, or a real OOXML/ODF
zip structure (entry count, sizes and compression ratio capped against zip bombs,
no path entries, no executables).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.storage import (
    StorageUnavailable,
    private_download_response,
    private_files_atomic,
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
EXECUTABLE_SUFFIXES = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".scr", ".msi", ".js", ".vbs", ".ps1",
    ".sh", ".jar", ".app",
}  # fmt: skip
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


def _zip_type(upload: UploadedFile) -> str:
    """``docx`` or ``odt`` for a sound word-processing zip; raises otherwise."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if not entries or len(entries) > ZIP_MAX_ENTRIES:
                raise _not_a_document()
            total = 0
            for entry in entries:
                name = entry.filename
                path = PurePosixPath(name)
                if (
                    name.startswith(("/", "\\"))
                    or "\\" in name
                    or ".." in path.parts
                    or any(ord(char) < 32 for char in name)
                    or re.match(r"^[A-Za-z]:", name)
                    or path.suffix.lower() in EXECUTABLE_SUFFIXES
                ):
                    raise _not_a_document()
                total += entry.file_size
                if total > ZIP_MAX_UNCOMPRESSED or (
                    entry.file_size > 1024 * 1024
                    and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1)
                ):
                    raise _not_a_document()
            names = {entry.filename for entry in entries}
            if {"mimetype", "content.xml"} <= names and archive.read(
                "mimetype"
            ).strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise _not_a_document() from exc
    finally:
        upload.seek(0)
    raise _not_a_document()


def detect_file_type(upload: UploadedFile) -> str:
    """The document's type from its bytes: ``pdf``, ``doc``, ``docx`` or ``odt``."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head == OLE2_MAGIC:
        return "doc"
    if head.startswith(ZIP_MAGIC):
        return _zip_type(upload)
    raise _not_a_document()


def check_upload(upload: UploadedFile) -> str:
    """Checks size and content of an uploaded document; returns its type."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_size():
        raise ValidationError(
            _("The file is too large: %(size)s at most.")
            % {"size": filesizeformat(max_size())},
            code="too_large",
        )
    return detect_file_type(upload)


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
    upload: UploadedFile
    file_type: str

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
        )


class DocumentFileField(forms.FileField):
    """A file field that checks the content; ``cleaned_data`` holds a
    ``CheckedUpload``."""

    widget = forms.ClearableFileInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            gettext_lazy("PDF, DOC, DOCX or ODT; %(size)s at most.")
            % {"size": filesizeformat(settings.DOCUMENT_MAX_SIZE)},
        )
        super().__init__(**kwargs)
        self.widget = forms.FileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        return CheckedUpload(upload, check_upload(upload))


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
    """The file, for its owner only (HR downloads through the admin)."""
    document = get_object_or_404(documents_of(request.user), pk=pk)
    return private_download_response(request, document.key, document.filename)
