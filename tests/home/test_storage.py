"""The private file service on local folders (the demo's setup); the same service on
a real S3 server is tested in tests/integration/test_s3_storage.py."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.http import Http404

from home.models import PendingDeletion
from home.storage import (
    delete_stored_file,
    private_download_response,
    private_files_atomic,
    schedule_deletion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_name() -> str:
    with private_files_atomic() as files:
        return files.save(ContentFile(b"%PDF-1.4 CV"), f"cv/{uuid.uuid4()}/cv.pdf")


def test_documents_stay_outside_every_served_path(client, settings, saved_name):
    storage = storages["private"]
    location = str(storage.location)
    assert storage.exists(saved_name)
    assert not location.startswith(str(settings.MEDIA_ROOT))
    assert not location.startswith(str(settings.STATIC_ROOT))
    for prefix in ("/media/", "/static/", "/"):
        assert client.get(prefix + saved_name).status_code == 404


def test_a_local_document_is_streamed_as_an_attachment(rf, saved_name):
    response = private_download_response(rf.get("/en/"), saved_name, "Mon CV.pdf")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 CV"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"


def test_a_missing_document_is_not_found(rf):
    with pytest.raises(Http404):
        private_download_response(rf.get("/en/"), "documents/none/cv.pdf", "cv.pdf")
    with pytest.raises(Http404):
        private_download_response(rf.get("/en/"), "", "cv.pdf")


def test_files_of_a_failed_transaction_are_deleted():
    with pytest.raises(RuntimeError), private_files_atomic() as files:
        name = files.save(ContentFile(b"x"), f"documents/{uuid.uuid4()}/cv.pdf")
        assert storages["private"].exists(name)
        raise RuntimeError("the database write failed")
    assert not storages["private"].exists(name)


def test_a_deletion_happens_on_commit_only(
    saved_name, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_deletion(saved_name)
    assert storages["private"].exists(saved_name)
    assert PendingDeletion.objects.filter(name=saved_name).count() == 1

    for callback in callbacks:
        callback()
    assert not storages["private"].exists(saved_name)
    assert not PendingDeletion.objects.exists()


def test_a_failed_deletion_is_recorded_then_retried(saved_name, monkeypatch):
    storage = storages["private"]
    real_delete = storage.delete

    def broken_delete(name):
        raise OSError("disk unavailable")

    monkeypatch.setattr(storage, "delete", broken_delete)
    assert delete_stored_file(saved_name) is False
    assert delete_stored_file(saved_name) is False
    pending = PendingDeletion.objects.get()
    assert (pending.name, pending.attempts, pending.last_error) == (
        saved_name,
        2,
        "disk unavailable",
    )
    with pytest.raises(CommandError, match="1 deletion"):
        call_command("retry_deletions", stdout=io.StringIO())

    monkeypatch.setattr(storage, "delete", real_delete)
    call_command("retry_deletions", stdout=io.StringIO())
    assert not storage.exists(saved_name)
    assert not PendingDeletion.objects.exists()
