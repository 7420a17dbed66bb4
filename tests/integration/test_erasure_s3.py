"""Privacy on a real S3-compatible server (SeaweedFS): the export reads the
documents from the private bucket, an erasure removes their objects, and an S3
outage during the erasure leaves a retried deletion, never an orphan."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from applications.choices import Status
from applications.factories import PDF, ApplicationFactory, DocumentFactory
from applications.models import Application
from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import User
from home.models import PendingDeletion
from privacy.erasure import erase_candidate

pytestmark = pytest.mark.django_db

PASSWORD = "Plum-Harbour-42"


@pytest.fixture
def candidate(s3_storage):
    user = UserFactory(username="s3-erased", first_name="Sam", password=PASSWORD)
    EmailAddressFactory(user=user)
    return user


def objects_of(*documents) -> set[str]:
    return {f"private/{document.key}" for document in documents}


def test_the_export_reads_the_files_from_the_bucket(s3_storage, client, candidate):
    document = DocumentFactory(owner=candidate, content=PDF + b"% from S3\n")
    assert objects_of(document) <= s3_storage.keys(s3_storage.private_bucket)
    client.force_login(candidate)
    response = client.post(reverse("privacy:export_data"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zipped:
        names = zipped.namelist()
        assert zipped.read(f"documents/{document.pk}-my-cv.pdf").endswith(
            b"% from S3\n"
        )
    assert "data.json" in names


def test_deleting_the_account_removes_the_objects(s3_storage, client, candidate):
    cv = DocumentFactory(owner=candidate)
    letter = DocumentFactory(owner=candidate, name="Letter")
    sent = ApplicationFactory(candidate=candidate, cv=cv, status=Status.SUBMITTED)
    other = DocumentFactory(owner=UserFactory(username="s3-other"))
    keys = objects_of(cv, letter)
    assert keys <= s3_storage.keys(s3_storage.private_bucket)

    client.force_login(candidate)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("privacy:delete_account"), {"password": PASSWORD}
        )
    assert response.status_code == 302
    left = s3_storage.keys(s3_storage.private_bucket)
    assert not keys & left
    assert objects_of(other) <= left
    assert not PendingDeletion.objects.exists()
    assert Application.objects.get(pk=sent.pk).anonymised_at is not None


def test_an_outage_during_the_erasure_is_retried(s3_storage, settings, candidate):
    document = DocumentFactory(owner=candidate)
    key = f"private/{document.key}"
    settings.STORAGES = {**settings.STORAGES, **s3_storage.down_storages()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert erase_candidate(candidate)
    assert not User.objects.filter(pk=candidate.pk).exists()
    assert PendingDeletion.objects.filter(name=document.key).exists()
    assert key in s3_storage.keys(s3_storage.private_bucket)

    settings.STORAGES = {**settings.STORAGES, **s3_storage.storages()}
    call_command("retry_deletions", stdout=io.StringIO())
    assert key not in s3_storage.keys(s3_storage.private_bucket)
    assert not PendingDeletion.objects.exists()
