"""E-mail verification: every account's address is verified by a code before it can
log in; ``verified_email_required`` guards applying for sessions opened before; links
e-mailed before codes work once and expire. (Sign-up and the code page themselves:
test_signup_enumeration.py.)"""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.http import HttpResponse
from django.test import RequestFactory

from candidates.factories import EmailAddressFactory, UserFactory
from candidates.verification import has_verified_email, verified_email_required

from .conftest import PASSWORD, code_in, only_mail

pytestmark = pytest.mark.django_db

CODE_PAGE = "/en/account/confirm-email/"


@pytest.fixture
def ann(agreement):
    """An account from before codes: its address was never verified."""
    user = UserFactory(username="ann", email="ann@example.org", password=PASSWORD)
    EmailAddressFactory(user=user, email="ann@example.org", verified=False)
    return user


def old_link(user) -> str:
    """The path of the verification link e-mailed to ``user`` before codes."""
    address = EmailAddress.objects.get(user=user)
    return f"/en/account/confirm-email/{EmailConfirmationHMAC(address).key}/"


# Links e-mailed before codes


def test_an_old_link_verifies_the_address(client, ann):
    link = old_link(ann)
    page = client.get(link)
    assert page.status_code == 200
    assert "Verify my e-mail address" in page.content.decode()
    assert not has_verified_email(ann)  # a GET (a mail scanner) changes nothing
    response = client.post(link)
    assert response.status_code == 302
    assert has_verified_email(ann)


def test_an_old_link_works_once(client, ann):
    link = old_link(ann)
    client.post(link)
    page = client.get(link)
    assert page.status_code == 200
    assert "Link expired or already used" in page.content.decode()
    assert client.post(link).status_code == 404


def test_an_old_link_expires(client, ann):
    link = old_link(ann)
    with time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=4)
    ):
        assert "Link expired or already used" in client.get(link).content.decode()
        assert client.post(link).status_code == 404
    assert not has_verified_email(ann)


@pytest.mark.parametrize("key", ["garbage", "MQ:1abc:xyz", "a" * 4096, "x-y_z"])
def test_forged_links_do_nothing(client, ann, key):
    assert client.get(f"/en/account/confirm-email/{key}/").status_code in (200, 404)
    assert client.post(f"/en/account/confirm-email/{key}/").status_code == 404
    assert not has_verified_email(ann)


def test_a_link_for_one_account_logs_out_another(client, ann, candidate):
    link = old_link(ann)
    client.force_login(candidate)
    client.post(link)
    assert has_verified_email(ann)
    assert (
        "_auth_user_id" not in client.session
        or int(client.session["_auth_user_id"]) != candidate.pk
    )


# Accounts from before codes


def test_an_unverified_account_gets_a_code_at_log_in(client, ann):
    response = client.post("/en/account/login/", {"login": "ann", "password": PASSWORD})
    assert response["Location"] == CODE_PAGE
    assert "_auth_user_id" not in client.session
    response = client.post(
        CODE_PAGE, {"action": "verify", "code": code_in(only_mail())}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == ann.pk
    assert has_verified_email(ann)


def test_the_candidate_space_of_an_old_session_offers_a_code(client, ann):
    client.force_login(ann)
    page = client.get("/en/me/").content.decode()
    assert "Verify your e-mail address" in page
    assert "Send me a code" in page
    resend = {"email": "ann@example.org", "action_send": ""}
    response = client.post("/en/account/email/", resend)
    assert response["Location"] == CODE_PAGE
    response = client.post(
        CODE_PAGE, {"action": "verify", "code": code_in(only_mail())}
    )
    assert response["Location"] == "/en/me/"
    assert has_verified_email(ann)
    assert "Verify your e-mail address" not in client.get("/en/me/").content.decode()


# The guard of the applications


@verified_email_required
def apply(request):
    return HttpResponse("application form")


def test_an_unverified_candidate_cannot_apply_and_gets_a_code(
    rf, ann, django_capture_on_commit_callbacks
):
    from allauth.core import context
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/en/offers/x/apply/")
    request.user = ann
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with (
        context.request_context(request),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = apply(request)
    assert response.status_code == 302
    assert response["Location"] == f"{CODE_PAGE}?next=%2Fen%2Foffers%2Fx%2Fapply%2F"
    assert code_in(only_mail())


def test_a_verified_candidate_can_apply(client, candidate):
    client.force_login(candidate)
    request = RequestFactory().get("/en/offers/x/apply/")
    request.user = candidate
    assert apply(request).content == b"application form"


def test_a_visitor_is_sent_to_log_in_and_back(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/en/offers/x/apply/")
    request.user = AnonymousUser()
    response = apply(request)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/?next=/en/offers/x/apply/"


def test_has_verified_email_follows_the_current_address(db):
    user = UserFactory(username="max", email="max@example.org")
    assert not has_verified_email(user)
    EmailAddress.objects.create(user=user, email="old@example.org", verified=True)
    assert not has_verified_email(user)
    EmailAddress.objects.create(user=user, email="max@example.org", verified=True)
    assert has_verified_email(user)
