"""Candidate documents and page images on a real S3-compatible server (SeaweedFS),
which checks signatures and expiry: nothing private is reachable without a valid,
short-lived signature, downloads are streamed through Django (never a redirect to
the bucket), and an S3 outage loses nothing."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images.models import Image

from candidates.models import User
from home.models import PendingDeletion
from home.storage import (
    StorageUnavailable,
    private_download_response,
    private_files_atomic,
    private_storage,
    schedule_deletion,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a candidate's CV\n"


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    """GETs ``url`` as a browser would, with no credentials of its own."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def upload(name: str = "cv.pdf", content: bytes = PDF) -> str:
    with private_files_atomic() as files:
        return files.save(ContentFile(content), f"documents/{uuid.uuid4()}/{name}")


def download_view(request: HttpRequest, owner: User, name: str) -> HttpResponse:
    """What the documents views of the candidate space will do: check, then serve."""
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    if request.user != owner:
        raise Http404
    return private_download_response(request, name, "My CV.pdf")


def signed_url_for(name: str) -> str:
    """A presigned URL of the private bucket, as the storage makes one. Downloads
    no longer use them (they could not carry the sandbox policy); the bucket must
    still refuse any that is expired, edited or forged."""
    return private_storage().url(name, expire=60)


def test_an_upload_lands_in_the_private_bucket_and_not_on_disk(s3_storage):
    name = upload(content=b"%PDF unique " + uuid.uuid4().bytes)

    assert f"private/{name}" in s3_storage.keys(s3_storage.private_bucket)
    stored = s3_storage.client().get_object(
        Bucket=s3_storage.private_bucket, Key=f"private/{name}"
    )
    assert stored["Body"].read().startswith(b"%PDF unique ")
    local_roots = [Path(settings.VAR_DIR), Path(settings.MEDIA_ROOT)]
    for root in local_roots:
        assert not [path for path in root.rglob("*") if name.split("/")[1] in str(path)]


def test_a_download_is_permission_checked_then_streamed(s3_storage, django_user_model):
    owner = django_user_model.objects.create_user("owner", "owner@example.org", "x")
    other = django_user_model.objects.create_user("other", "other@example.org", "x")
    name = upload()
    request = RequestFactory().get("/en/me/documents/1/")

    request.user = AnonymousUser()
    assert download_view(request, owner, name).status_code == 403
    request.user = other
    with pytest.raises(Http404):
        download_view(request, owner, name)

    request.user = owner
    response = download_view(request, owner, name)
    # Streamed by Django from the bucket, so that it carries the sandbox policy.
    assert response.status_code == 200
    assert "Location" not in response
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="My CV.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_presigned_urls_of_the_bucket_last_a_minute_at_most(s3_storage):
    query = parse_qs(urlsplit(signed_url_for(upload())).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert int(query["X-Amz-Expires"][0]) <= 60


def test_a_download_while_s3_is_down_says_so(s3_storage, settings):
    name = upload()
    settings.STORAGES = {**settings.STORAGES, **s3_storage.down_storages()}
    with pytest.raises(StorageUnavailable) as raised:
        private_download_response(RequestFactory().get("/en/"), name, "cv.pdf")
    assert "cannot be read right now" in str(raised.value.message)


def test_a_deleted_document_is_not_found(s3_storage):
    with pytest.raises(Http404):
        private_download_response(RequestFactory().get("/en/"), "documents/x.pdf", "x")


def test_a_presigned_url_is_refused_once_a_minute_has_passed(s3_storage):
    name = upload()
    with time_machine.travel(timezone.now() - timedelta(seconds=45), tick=False):
        recent = signed_url_for(name)
    with time_machine.travel(timezone.now() - timedelta(seconds=61), tick=False):
        expired = signed_url_for(name)

    assert fetch(recent)[0] == 200
    status, body, _headers = fetch(expired)
    assert status == 403
    assert b"expired" in body.lower()


def test_an_edited_presigned_url_is_refused(s3_storage):
    mine = upload()
    someone_elses = upload()
    url = signed_url_for(mine)
    assert fetch(url)[0] == 200

    signature = parse_qs(urlsplit(url).query)["X-Amz-Signature"][0]
    forged = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    edits = [
        url.replace(signature, forged),
        url.replace(mine.split("/")[1], someone_elses.split("/")[1]),
        url.replace("X-Amz-Expires=60", "X-Amz-Expires=3600"),
    ]
    for edited in edits:
        assert edited != url
        status, body, _headers = fetch(edited)
        assert status == 403, edited
        assert PDF not in body


def test_anonymous_and_wrongly_signed_requests_are_refused(s3_storage):
    name = upload()
    bucket_url = f"{s3_storage.endpoint}/{s3_storage.private_bucket}"

    assert fetch(f"{bucket_url}/private/{name}")[0] == 403
    assert fetch(f"{bucket_url}/")[0] == 403  # no listing either
    forger = s3_storage.client(secret_key="guessed-" + uuid.uuid4().hex)
    forged = forger.generate_presigned_url(
        "get_object",
        Params={"Bucket": s3_storage.private_bucket, "Key": f"private/{name}"},
        ExpiresIn=60,
    )
    assert fetch(forged)[0] == 403
    anonymous_put = urllib.request.Request(  # noqa: S310
        f"{bucket_url}/private/planted.pdf", data=b"x", method="PUT"
    )
    assert fetch(anonymous_put)[0] == 403


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return ImageFile(buffer, name=f"logo-{uuid.uuid4().hex[:8]}.png")


def test_page_images_go_to_the_public_bucket(s3_storage):
    image = Image.objects.create(title="Logo", file=_png())

    assert image.file.name in s3_storage.keys(s3_storage.public_bucket)
    assert not any(
        image.file.name in key for key in s3_storage.keys(s3_storage.private_bucket)
    )
    url = image.file.url
    assert "X-Amz-Signature" not in url
    status, body, _headers = fetch(url)
    assert status == 200
    assert body.startswith(b"\x89PNG")
    rendition = image.get_rendition("width-20")
    assert fetch(rendition.url)[0] == 200


def test_deleting_removes_the_object_once_committed(
    s3_storage, django_capture_on_commit_callbacks
):
    name = upload()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_deletion(name)
    # Until the transaction commits, the file stays: a rollback keeps the document.
    assert f"private/{name}" in s3_storage.keys(s3_storage.private_bucket)
    assert PendingDeletion.objects.filter(name=name).exists()

    for callback in callbacks:
        callback()
    assert f"private/{name}" not in s3_storage.keys(s3_storage.private_bucket)
    assert not PendingDeletion.objects.exists()
    assert fetch(signed_url_for(name))[0] == 404


def test_a_deletion_while_s3_is_down_is_recorded_and_retried(
    s3_storage, settings, django_capture_on_commit_callbacks
):
    name = upload()
    live = settings.STORAGES
    settings.STORAGES = {**live, **s3_storage.down_storages()}
    with django_capture_on_commit_callbacks(execute=True):
        schedule_deletion(name)
    pending = PendingDeletion.objects.get()
    assert (pending.name, pending.storage, pending.attempts) == (name, "private", 1)
    assert pending.last_error
    with pytest.raises(CommandError):
        call_command("retry_deletions", stdout=io.StringIO())
    assert PendingDeletion.objects.get().attempts == 2

    settings.STORAGES = live  # S3 is back
    assert f"private/{name}" in s3_storage.keys(s3_storage.private_bucket)
    out = io.StringIO()
    call_command("retry_deletions", stdout=out)
    assert "1 file(s) deleted, 0 still pending" in out.getvalue()
    assert f"private/{name}" not in s3_storage.keys(s3_storage.private_bucket)
    assert not PendingDeletion.objects.exists()


def test_an_upload_while_s3_is_down_says_so_and_saves_nothing(s3_storage, settings):
    settings.STORAGES = {**settings.STORAGES, **s3_storage.down_storages()}
    users_before = User.objects.count()

    with (
        pytest.raises(StorageUnavailable) as raised,
        private_files_atomic() as files,
    ):
        User.objects.create_user("newcomer", "newcomer@example.org", "x")
        files.save(ContentFile(PDF), "documents/newcomer/cv.pdf")

    assert "could not be stored right now and nothing was saved" in str(
        raised.value.message
    )
    assert User.objects.count() == users_before


def test_files_saved_before_a_failed_transaction_are_removed(s3_storage):
    User.objects.create_user("taken", "taken@example.org", "x")
    before = s3_storage.keys(s3_storage.private_bucket)

    with pytest.raises(IntegrityError), private_files_atomic() as files:
        saved = files.save(ContentFile(PDF), f"documents/{uuid.uuid4()}/cv.pdf")
        assert f"private/{saved}" in s3_storage.keys(s3_storage.private_bucket)
        User.objects.create_user("taken", "again@example.org", "x")

    assert s3_storage.keys(s3_storage.private_bucket) == before
    assert not PendingDeletion.objects.exists()


def test_health_check_reports_s3(client, s3_storage, settings):
    assert client.get("/healthz").json()["storage"] == "ok"

    settings.STORAGES = {**settings.STORAGES, **s3_storage.down_storages()}
    response = client.get("/healthz")
    # Pages still work without S3: the server stays in the load balancer.
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "storage": "error",
    }
