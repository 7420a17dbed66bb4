"""Candidate documents and applications on a real S3-compatible server (SeaweedFS):
uploads land in the private bucket, downloads are permission-checked then streamed,
a failed submission leaves no object behind, an S3 outage loses nothing."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.factories import PDF
from applications.models import Application
from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import Document
from home.factories import make_site_root
from offers.factories import OfferIndexPageFactory, OfferPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(client):
    user = UserFactory(username="s3-candidate", first_name="Sam", last_name="Three")
    EmailAddressFactory(user=user)
    client.force_login(user)
    return user


def pdf(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_a_document_lands_in_the_private_bucket_and_downloads_streamed(
    s3_storage, client, candidate
):
    response = client.post(
        reverse("candidates:documents"), {"kind": "cv", "name": "", "file": pdf()}
    )
    assert response.status_code == 302
    document = Document.objects.get(owner=candidate)
    assert f"private/{document.key}" in s3_storage.keys(s3_storage.private_bucket)

    url = reverse("candidates:document_download", args=[document.pk])
    response = client.get(url)
    # Through Django, never a redirect to the bucket: a presigned URL could not
    # carry the sandbox policy.
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"

    other = UserFactory(username="s3-other")
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_a_failed_submission_leaves_no_object(s3_storage, client, candidate):
    home = make_site_root()
    offer = OfferPageFactory(parent=OfferIndexPageFactory(parent=home))
    before = s3_storage.keys(s3_storage.private_bucket)
    with (
        mock.patch(
            "applications.services.submit_application", side_effect=RuntimeError
        ),
        pytest.raises(RuntimeError),
    ):
        client.post(
            reverse("applications:apply", kwargs={"slug": offer.slug}),
            {
                "first_name": "Sam",
                "last_name": "Three",
                "cv_upload": pdf(),
                "submit": "1",
            },
        )
    assert s3_storage.keys(s3_storage.private_bucket) == before
    assert not Document.objects.exists()
    assert not Application.objects.exists()


def test_an_s3_outage_gives_a_message_and_saves_nothing(
    s3_server, settings, client, candidate
):
    settings.STORAGES = {**settings.STORAGES, **s3_server.down_storages()}
    response = client.post(
        reverse("candidates:documents"), {"kind": "cv", "name": "", "file": pdf()}
    )
    assert response.status_code == 200
    assert b"could not be stored right now" in response.content
    assert not Document.objects.exists()


def test_a_download_while_s3_is_down_is_a_message_not_a_500(
    s3_storage, client, candidate, settings
):
    client.post(
        reverse("candidates:documents"), {"kind": "cv", "name": "", "file": pdf()}
    )
    document = Document.objects.get(owner=candidate)
    settings.STORAGES = {**settings.STORAGES, **s3_storage.down_storages()}

    response = client.get(reverse("candidates:document_download", args=[document.pk]))
    assert response.status_code == 503
    assert "cannot be read right now" in response.content.decode()
