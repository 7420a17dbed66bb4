"""Candidate documents in the "private" storage: saving, downloading, deleting.

The "private" storage is a local folder outside every served path, or a private S3
bucket when ``AWS_STORAGE_BUCKET_NAME`` is set (see ``config/settings/s3.py``). Views
check permissions first, then call these helpers:

- ``private_files_atomic()`` wraps the writes that belong with new files: a transaction
  whose saved files are deleted again when it fails, and which turns a storage outage
  into ``StorageUnavailable`` (a message for the user, nothing half-saved)::

      try:
          with private_files_atomic() as files:
              name = files.save(upload, f"documents/{uuid4()}/{upload.name}")
              Document.objects.create(owner=request.user, file=name)
      except StorageUnavailable as error:
          form.add_error(None, error.message)

- ``private_download_response()`` streams the file through Django, from the local
  folder or from S3 alike, as an attachment under a ``sandbox`` policy (a presigned
  S3 URL could not carry one); ``StorageUnavailable`` while S3 cannot be read.
- ``schedule_deletion()`` deletes a file once the transaction that dropped its owner
  commits; a failed deletion stays recorded as a ``PendingDeletion`` that
  ``manage.py retry_deletions`` retries, so no object is left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PendingDeletion

logger = logging.getLogger(__name__)

PRIVATE = "private"
# What a storage raises when it cannot be reached (S3 down, disk full...).
STORAGE_ERRORS = (BotoCoreError, ClientError, OSError)


class StorageUnavailable(Exception):
    """The file storage cannot be reached; ``message`` is meant for the user."""

    message = _(
        "Your file could not be stored right now and nothing was saved. "
        "Please try again in a few minutes."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message is not None:
            self.message = message


READ_UNAVAILABLE = _(
    "This document cannot be read right now. Please try again in a few minutes."
)
# A downloaded document is data, never a page: a browser that shows it anyway runs
# no script of it, sends no cookie with it and does not guess another type.
DOWNLOAD_HEADERS = {
    "Content-Security-Policy": "sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
}


def private_storage() -> Storage:
    return storages[PRIVATE]


class StoredFiles:
    """Files saved inside ``private_files_atomic()``, removed again if it fails."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.names: list[str] = []

    def save(self, content: File, name: str) -> str:
        """Saves ``content`` under ``name`` (or a free variant); returns the name."""
        try:
            saved = storages[self.alias].save(name, content)
        except STORAGE_ERRORS as exc:
            logger.warning("Storage %s unavailable while saving: %s", self.alias, exc)
            raise StorageUnavailable from exc
        self.names.append(saved)
        return saved

    def discard(self) -> None:
        for name in self.names:
            delete_stored_file(name, self.alias)
        self.names.clear()


@contextmanager
def private_files_atomic(alias: str = PRIVATE) -> Iterator[StoredFiles]:
    """A ``transaction.atomic()`` block that also deletes the files saved through it
    when the block fails."""
    files = StoredFiles(alias)
    try:
        with transaction.atomic():
            yield files
    except BaseException:
        files.discard()
        raise


def private_download_response(
    request: HttpRequest,
    file: FieldFile | str,
    filename: str,
    *,
    as_attachment: bool = True,
) -> HttpResponse:
    """The file for a user already allowed to have it, streamed through Django from
    the local folder or from S3 (never a redirect: a presigned URL could not carry
    the ``sandbox`` policy). Raises ``Http404`` for a missing file and
    ``StorageUnavailable`` (with ``READ_UNAVAILABLE``) when the storage cannot be
    read."""
    if isinstance(file, FieldFile):
        storage, name = file.storage, file.name
    else:
        storage, name = private_storage(), file
    if not name:
        raise Http404
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    except STORAGE_ERRORS as exc:
        logger.warning("Storage unavailable while opening %s: %s", name, exc)
        raise StorageUnavailable(READ_UNAVAILABLE) from exc
    try:
        # Sizing the response reads the file (S3: downloads it) here, in the view,
        # so an outage is an answer to the user rather than a broken download.
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename)
    except STORAGE_ERRORS as exc:
        handle.close()
        logger.warning("Storage unavailable while reading %s: %s", name, exc)
        raise StorageUnavailable(READ_UNAVAILABLE) from exc
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response


def schedule_deletion(name: str, alias: str = PRIVATE) -> None:
    """Deletes a stored file once the current transaction commits. The intent is
    recorded in the same transaction, so a failed deletion (or a crash) is retried
    by ``manage.py retry_deletions``."""
    if not name:
        return
    pending, _created = PendingDeletion.objects.get_or_create(storage=alias, name=name)
    transaction.on_commit(lambda: attempt_deletion(pending))


def delete_stored_file(name: str, alias: str = PRIVATE) -> bool:
    """Deletes a stored file now; if the storage fails, records it for
    ``retry_deletions``. Returns whether the file is gone."""
    try:
        storages[alias].delete(name)
    except STORAGE_ERRORS as exc:
        pending, _created = PendingDeletion.objects.get_or_create(
            storage=alias, name=name
        )
        _record_failure(pending, exc)
        return False
    return True


def attempt_deletion(pending: PendingDeletion) -> bool:
    """One attempt at a recorded deletion; forgets it once the file is gone."""
    try:
        storages[pending.storage].delete(pending.name)
    except STORAGE_ERRORS as exc:
        _record_failure(pending, exc)
        return False
    PendingDeletion.objects.filter(pk=pending.pk).delete()
    return True


def _record_failure(pending: PendingDeletion, exc: Exception) -> None:
    pending.attempts += 1
    pending.last_error = str(exc)[:2000]
    pending.last_attempt_at = timezone.now()
    PendingDeletion.objects.filter(pk=pending.pk).update(
        attempts=models.F("attempts") + 1,
        last_error=pending.last_error,
        last_attempt_at=pending.last_attempt_at,
    )
    logger.warning("Could not delete %s, will retry: %s", pending, exc)


def retry_deletions() -> tuple[int, int]:
    """Retries every recorded deletion; returns (deleted, still pending)."""
    deleted = failed = 0
    for pending in PendingDeletion.objects.iterator():
        if attempt_deletion(pending):
            deleted += 1
        else:
            failed += 1
    return deleted, failed
