""" "Delete my account" and HR's erasure from the admin: the password is asked,
everything of the candidate goes (files in storage included), sent applications
are anonymised or deleted as the setting says, one confirmation e-mail, logged
out everywhere; staff accounts are out of reach."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.models import AlertDelivery, JobAlert
from applications.choices import Status
from applications.models import Application, Note, StatusChange
from candidates.factories import UserFactory
from candidates.models import CandidateProfile, Consent, Document, User
from core.models import OutgoingEmail
from home.factories import DataProtectionPageFactory
from home.groups import HR_RECRUITERS
from home.models import PendingDeletion
from privacy.erasure import NotACandidate, erase_candidate

from .privacy_world import (
    HR_NOTE,
    PASSWORD,
    make_candidate,
    make_site,
    make_staff,
    private_dir,
    stored_files,
)

__all__ = ["private_dir"]

pytestmark = pytest.mark.django_db

URL = "/en/me/parameters/delete/"


@pytest.fixture
def world(home_page, private_dir):
    DataProtectionPageFactory(parent=home_page, slug="data-protection")
    offers = make_site(home_page)
    hr, editor = make_staff()
    jane = make_candidate("jane", offers, hr)
    bob = make_candidate("bob", offers, hr)
    return jane, bob, hr, editor


def jane_is_intact(jane, files: set[str], folder) -> None:
    user = User.objects.get(pk=jane.user.pk)
    assert user.check_password(PASSWORD)
    assert Document.objects.filter(owner=user).count() == 2
    assert Application.objects.filter(candidate=user).count() == 2
    assert JobAlert.objects.filter(candidate=user).exists()
    assert CandidateProfile.objects.filter(user=user).exists()
    assert stored_files(folder) == files


def logged_in_sessions(user_pk: int) -> int:
    return sum(
        session.get_decoded().get("_auth_user_id") == str(user_pk)
        for session in Session.objects.all()
    )


def test_the_url_and_its_name():
    assert reverse("privacy:delete_account") == URL


def test_a_log_in_is_needed(client):
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_the_page_says_what_goes_and_what_stays(client, world, settings):
    jane, *_rest = world
    client.force_login(jane.user)
    html = client.get(URL).content.decode()
    assert "What is deleted" in html and "What stays" in html
    assert "without your name" in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    settings.ERASURE_SENT_APPLICATIONS = "delete"
    html = client.get(URL).content.decode()
    assert "the applications you sent are deleted too" in html


@pytest.mark.parametrize("password", ["", "wrong-password", PASSWORD.lower()])
def test_a_wrong_password_changes_nothing(
    client, world, private_dir, password, django_capture_on_commit_callbacks
):
    jane, *_rest = world
    files = stored_files(private_dir)
    client.force_login(jane.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_password"' in html
    jane_is_intact(jane, files, private_dir)
    assert mail.outbox == []
    assert client.get("/en/me/").status_code == 200  # still logged in


def test_the_candidate_deletes_their_account(
    client, world, private_dir, django_capture_on_commit_callbacks
):
    jane, bob, hr, _editor = world
    other_device = Client()
    other_device.force_login(jane.user)
    bob_device = Client()
    bob_device.force_login(bob.user)
    AccessAttempt.objects.create(
        username="jane", ip_address="192.0.2.1", user_agent="x", http_accept="*",
        path_info="/en/account/login/", get_data="", post_data="",
        failures_since_start=2,
    )  # fmt: skip
    AccessFailureLog.objects.create(
        username="jane@example.org", ip_address="192.0.2.1", user_agent="x",
        http_accept="*", path_info="/en/account/login/",
    )  # fmt: skip
    OutgoingEmail.objects.create(
        key=f"application-{jane.sent.pk}-acknowledgment",
        to=["jane@example.org"],
        subject="We received your application",
        body="Hello Jane",
        message_id="<1@example>",
    )
    OutgoingEmail.objects.create(
        key="found-by-its-address",
        to=["Jane@Example.org"],
        subject="Anything",
        body="Hello Jane",
        message_id="<2@example>",
    )
    OutgoingEmail.objects.create(
        key="not-hers",
        to=["notjane@example.org"],
        subject="Anything",
        body="Hello",
        message_id="<3@example>",
    )
    bob_files = {bob.cv.key, bob.letter.key}
    client.force_login(jane.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:account_deleted")
    landing = client.get(response["Location"])
    assert "Your account is deleted" in landing.content.decode()
    # Logged out here and on every other device.
    assert client.get("/en/me/").status_code == 302
    assert other_device.get("/en/me/").status_code == 302
    assert bob_device.get("/en/me/").status_code == 200
    assert logged_in_sessions(jane.user.pk) == 0
    assert logged_in_sessions(bob.user.pk) == 1
    assert not User.objects.filter(username="jane").exists()
    # Everything of Jane's is gone, files included.
    assert stored_files(private_dir) == bob_files
    assert not PendingDeletion.objects.exists()
    assert not Document.objects.filter(pk__in=[jane.cv.pk, jane.letter.pk]).exists()
    assert not Application.objects.filter(pk=jane.draft.pk).exists()
    assert not JobAlert.objects.filter(pk=jane.alert.pk).exists()
    assert not AlertDelivery.objects.filter(alert__isnull=True).exists()
    assert not EmailAddress.objects.filter(email="jane@example.org").exists()
    assert not Consent.objects.filter(user__isnull=True).exists()
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()
    assert not OutgoingEmail.objects.filter(key__startswith="application-").exists()
    assert not OutgoingEmail.objects.filter(key="found-by-its-address").exists()
    assert OutgoingEmail.objects.filter(key="not-hers").exists()
    # The sent application stays, anonymised, with its history and HR's notes.
    sent = Application.objects.get(pk=jane.sent.pk)
    assert sent.candidate_id is None and sent.anonymised_at is not None
    assert (sent.first_name, sent.last_name, sent.phone, sent.message) == ("",) * 4
    assert sent.cv_id is None and sent.letter_id is None
    assert sent.status == Status.SUBMITTED
    assert StatusChange.objects.filter(application=sent).count() == 2
    assert Note.objects.get(application=sent).text == HR_NOTE
    assert sent.candidate_name == "Anonymised candidate"
    assert sent.candidate_email == ""
    # One confirmation, to the address that is now gone.
    (message,) = mail.outbox
    assert message.to == ["jane@example.org"]
    assert "deleted" in message.subject
    assert "stay with HR anonymised" in message.body
    (row,) = OutgoingEmail.objects.filter(to__icontains='"jane@example.org"')
    assert row.key == f"account-erased-{jane.user.pk}" and row.sent_at
    # Bob keeps everything.
    assert Application.objects.filter(candidate=bob.user).count() == 2
    assert Document.objects.filter(owner=bob.user).count() == 2


def test_sent_applications_are_deleted_when_the_setting_says_so(
    world, settings, private_dir, django_capture_on_commit_callbacks
):
    settings.ERASURE_SENT_APPLICATIONS = "delete"
    jane, bob, *_staff = world
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_candidate(jane.user)
    assert not Application.objects.filter(pk__in=[jane.sent.pk, jane.draft.pk]).exists()
    assert not StatusChange.objects.filter(application_id=jane.sent.pk).exists()
    assert not Note.objects.filter(application_id=jane.sent.pk).exists()
    assert stored_files(private_dir) == {bob.cv.key, bob.letter.key}
    (message,) = mail.outbox
    assert "applications you sent are deleted too" in message.body


def test_erasing_twice_or_a_staff_account(world):
    jane, _bob, hr, editor = world
    assert erase_candidate(jane.user) is True
    assert erase_candidate(jane.user) is False
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in (hr, editor, admin):
        with pytest.raises(NotACandidate):
            erase_candidate(user)
        assert User.objects.filter(pk=user.pk).exists()


def test_staff_cannot_delete_their_account_here(client, world):
    _jane, _bob, hr, _editor = world
    hr.set_password(PASSWORD)
    hr.save()
    client.force_login(hr)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 403
    assert "managed by the site's administrators" in response.content.decode()
    assert User.objects.filter(pk=hr.pk).exists()


def test_the_log_names_no_one(world, caplog):
    jane, _bob, hr, _editor = world
    with caplog.at_level(logging.INFO, logger="privacy.erasure"):
        erase_candidate(jane.user, by=hr)
    text = caplog.text
    assert f"Candidate account {jane.user.pk} erased" in text
    assert f"by staff user {hr.pk}" in text
    for personal in ("jane", "Jane", "example.org", "Doe"):
        assert personal not in text


def test_deleting_a_document_deletes_its_file_once(
    client, world, private_dir, django_capture_on_commit_callbacks
):
    """The documents page and the signal on Document do not both delete it."""
    jane, *_rest = world
    Application.objects.filter(pk=jane.draft.pk).delete()
    document = jane.letter
    Application.objects.filter(pk=jane.sent.pk).update(letter=None)
    client.force_login(jane.user)
    with (
        mock.patch("home.storage.attempt_deletion", autospec=True) as attempt,
        django_capture_on_commit_callbacks(execute=True),
    ):
        attempt.side_effect = lambda pending: pending.delete() or True
        response = client.post(
            reverse("candidates:document_delete", args=[document.pk])
        )
    assert response.status_code == 302
    assert attempt.call_count == 1
    assert attempt.call_args.args[0].name == document.key


def test_a_document_deleted_anywhere_loses_its_file(
    world, private_dir, django_capture_on_commit_callbacks
):
    jane, *_rest = world
    Application.objects.filter(candidate=jane.user).delete()
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.filter(pk=jane.letter.pk).delete()
    assert jane.letter.key not in stored_files(private_dir)
    assert jane.cv.key in stored_files(private_dir)


# --- HR's erasure from the admin -----------------------------------------------------


def erase_url(user: User) -> str:
    return reverse("privacy_erase_candidate", args=[user.pk])


def test_hr_erasure_permission_matrix(client, world):
    jane, bob, hr, editor = world
    viewer_group = Group.objects.create(name="Candidate viewers")
    viewer_group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_candidates"),
    )
    viewer = UserFactory(username="viewer", groups=["Candidate viewers"])
    inspect = reverse("candidates_user_modeladmin_inspect", args=[jane.user.pk])
    url = erase_url(jane.user)

    assert client.get(url).status_code == 302  # anonymous: to the log-in
    assert client.post(url).status_code == 302
    for user in (bob.user, editor, viewer):
        client.force_login(user)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403), user
            assert not response["Location"].endswith(
                reverse("candidates_user_modeladmin_index")
            )
        if user is viewer:
            assert "Erase this candidate" not in client.get(inspect).content.decode()
    assert User.objects.filter(pk=jane.user.pk).exists()

    client.force_login(hr)
    assert hr.has_perm("candidates.erase_candidate")
    assert "Erase this candidate" in client.get(inspect).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jane Doe" in html and "2 documents" in html and "1 draft" in html
    assert "kept anonymised" in html
    # Staff accounts are not candidates here.
    assert client.get(erase_url(editor)).status_code == 404
    assert client.post(erase_url(hr)).status_code == 404
    assert User.objects.filter(pk__in=[hr.pk, editor.pk]).count() == 2

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("candidates_user_modeladmin_index")
    assert not User.objects.filter(pk=jane.user.pk).exists()
    assert Application.objects.get(pk=jane.sent.pk).anonymised_at is not None
    assert client.get(url).status_code == 404
    assert User.objects.filter(pk=bob.user.pk).exists()


def test_the_permission_is_granted_to_hr_only():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from home.groups import ensure_staff_groups

    # The migration's grant, run again on its own state of the models (where a
    # transactional test flushed the database): HR recruiters, never editors.
    ensure_staff_groups()
    name = "0005_erase_candidate_permission"
    state = MigrationLoader(connection).project_state(("candidates", name))
    import_module(f"candidates.migrations.{name}").grant(state.apps, None)
    permission = Permission.objects.get(
        content_type__app_label="candidates", codename="erase_candidate"
    )
    groups = set(permission.group_set.values_list("name", flat=True))
    assert groups == {HR_RECRUITERS}


@pytest.mark.html_checker
def test_privacy_pages_and_emails_are_valid_html(
    client, world, tmp_path, django_capture_on_commit_callbacks
):
    from django.template.loader import render_to_string

    from tests.html_checker import validate

    jane, bob, hr, _editor = world
    pages: dict[str, bytes] = {}
    client.force_login(jane.user)
    pages["export"] = client.get("/en/me/parameters/data/").content
    pages["parameters"] = client.get("/en/me/parameters/").content
    pages["delete"] = client.get(URL).content
    pages["delete-errors"] = client.post(URL, {"password": "nope"}).content
    broken = mock.Mock()
    broken.open.side_effect = ConnectionRefusedError("storage down")
    with mock.patch("privacy.export.private_storage", return_value=broken):
        pages["export-error"] = client.post("/en/me/parameters/data/").content
    client.force_login(hr)
    pages["staff"] = client.get(URL).content
    client.force_login(bob.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"password": PASSWORD})
    pages["deleted"] = client.get(reverse("privacy:account_deleted")).content
    pages["email-erased-self"] = mail.outbox[-1].alternatives[0][0].encode()
    for reason in ("hr", "inactivity"):
        pages[f"email-erased-{reason}"] = render_to_string(
            "emails/privacy/account_erased.html",
            {"reason": reason, "sent_count": 1, "anonymised": False,
             "retention_months": 24, "organisation_name": "Example", "site_url": "/"},
        ).encode()  # fmt: skip
    pages["email-warning"] = render_to_string(
        "emails/privacy/inactivity_warning.html",
        {"user": jane.user, "erase_on": timezone.now(), "retention_months": 24,
         "login_url": "/en/account/login/", "organisation_name": "Example",
         "site_url": "/"},
    ).encode()  # fmt: skip

    files = []
    for name, content in pages.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(content)
        files.append(file)
    errors = validate(files)
    assert errors == [], [
        f"{message['url'].rsplit('/', 1)[-1]}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in errors
    ]
