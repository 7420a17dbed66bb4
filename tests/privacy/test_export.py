""" "Download my data": a zip of data.json and the documents' files, for the
logged-in candidate only, with safe member names, rate-limited."""

from __future__ import annotations

from pathlib import PurePosixPath
from unittest import mock

import pytest
from django.urls import reverse

from applications.factories import PDF, DocumentFactory
from home.factories import DataProtectionPageFactory
from privacy.export import build_export

from .privacy_world import (
    HR_NOTE,
    TOLD,
    make_candidate,
    make_site,
    make_staff,
    private_dir,
    read_zip,
)

__all__ = ["private_dir"]

pytestmark = pytest.mark.django_db

URL = "/en/me/parameters/data/"


@pytest.fixture
def world(home_page, private_dir):
    DataProtectionPageFactory(parent=home_page, slug="data-protection")
    offers = make_site(home_page)
    hr, _editor = make_staff()
    return make_candidate("jane", offers, hr), make_candidate("bob", offers, hr)


def test_the_url_and_its_name():
    assert reverse("privacy:export_data") == URL


def test_a_log_in_is_needed(client):
    for method in (client.get, client.post):
        response = method(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/login/")


def test_the_page_says_what_the_zip_holds(client, world):
    jane, _bob = world
    client.force_login(jane.user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data.json" in html and "documents" in html
    assert f'action="{URL}"' in html and 'method="post"' in html
    parameters = client.get("/en/me/parameters/").content.decode()
    assert f'href="{URL}"' in parameters
    assert 'href="/en/me/parameters/delete/"' in parameters


def test_the_zip_holds_the_candidates_data_and_files_only(client, world):
    jane, bob = world
    client.force_login(jane.user)
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    data, members = read_zip(content)

    assert set(members) == {
        "data.json",
        f"documents/{jane.cv.pk}-cv.pdf",
        f"documents/{jane.letter.pk}-my-cv.pdf",
    }
    assert members[f"documents/{jane.cv.pk}-cv.pdf"] == PDF

    account = data["account"]
    assert account["username"] == "jane"
    assert account["email"] == "jane@example.org"
    assert account["date_joined"]
    assert [a["email"] for a in account["email_addresses"]] == ["jane@example.org"]
    assert data["profile"]["headline"] == "Headline of jane"
    assert data["experience"][0]["job_title"] == "Job of jane"
    assert data["education"][0]["qualification"] == "Degree of jane"

    applications = {a["title"]: a for a in data["applications"]}
    sent = applications["Python developer"]
    assert sent["status"] == "Received"
    assert sent["sent_at"] and sent["started_at"]
    assert sent["message"] == "Message of jane"
    assert sent["cv"] == {
        "name": "CV of jane",
        "file": f"documents/{jane.cv.pk}-cv.pdf",
    }
    history = [
        (change["status"], change["message"]) for change in sent["status_history"]
    ]
    assert ("Received", "") in history
    assert ("Interview", TOLD) in history
    assert applications["Data analyst"]["status"] == "Draft, not sent"

    (alert,) = data["alerts"]
    assert alert["keywords"] == "python jane"
    assert alert["job_families"] and alert["locations"]
    assert data["alert_deliveries"][0]["offer"] == "Python developer"
    assert data["consents"][0]["agreement"] == "Data Protection Agreement"
    assert data["consents"][0]["accepted_at"]
    assert data["optional_consents"][0]["granted"] is True
    documents = {d["name"]: d for d in data["documents"]}
    assert documents["CV of jane"]["size"] == len(PDF)
    assert documents["CV of jane"]["file_type"] == "pdf"
    assert documents["CV of jane"]["uploaded_at"]

    # Never HR's private notes, nor anything of another candidate.
    text = content.decode("latin-1") + members["data.json"].decode()
    assert HR_NOTE not in text
    for secret in ("bob@example.org", "Headline of bob", "CV of bob", "python bob"):
        assert secret not in members["data.json"].decode()
    assert not any(str(bob.cv.pk) + "-" in name for name in members)


@pytest.mark.parametrize(
    "filename",
    ["../../etc/passwd.pdf", "..\\..\\boot.ini", "/abs/cv.pdf", "C:\\cv.pdf", ".."],
)
def test_member_names_never_leave_the_documents_folder(private_dir, filename):
    from candidates.factories import UserFactory

    user = UserFactory(username="mallory")
    document = DocumentFactory(owner=user, filename=filename)
    second = DocumentFactory(owner=user, filename=filename)
    archive = build_export(user)
    data, members = read_zip(archive.read())
    names = [name for name in members if name != "data.json"]
    assert len(names) == 2  # unique even with the same file name
    for name in names:
        path = PurePosixPath(name)
        assert path.parts[0] == "documents" and len(path.parts) == 2
        assert ".." not in name and "\\" not in name and ":" not in name
        assert name.startswith((f"documents/{document.pk}-", f"documents/{second.pk}-"))
    assert sorted(d["file"] for d in data["documents"]) == sorted(names)


def test_a_missing_file_is_listed_without_its_file(private_dir):
    from candidates.factories import UserFactory

    user = UserFactory(username="lost")
    document = DocumentFactory(owner=user)
    (private_dir / document.key).unlink()
    data, members = read_zip(build_export(user).read())
    assert set(members) == {"data.json"}
    assert data["documents"][0]["file"] is None
    assert data["documents"][0]["name"] == document.name


def test_the_storage_down_gives_a_message_not_a_zip(client, world):
    jane, _bob = world
    client.force_login(jane.user)
    broken = mock.Mock()
    broken.open.side_effect = ConnectionRefusedError("storage down")
    with mock.patch("privacy.export.private_storage", return_value=broken):
        response = client.post(URL)
    assert response.status_code == 503
    assert "try again in a few minutes" in response.content.decode()


def test_downloads_are_rate_limited_per_candidate(client, world):
    jane, bob = world
    client.force_login(jane.user)
    for _attempt in range(5):
        assert client.post(URL).status_code == 200
    assert client.post(URL).status_code == 429
    client.force_login(bob.user)
    assert client.post(URL).status_code == 200
