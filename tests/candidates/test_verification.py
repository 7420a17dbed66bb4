"""E-mail verification: needed before the first application, links work once and
expire."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory

from candidates.factories import UserFactory
from candidates.verification import has_verified_email, verified_email_required

from .conftest import PASSWORD, links_in, only_mail

pytestmark = pytest.mark.django_db


def sign_up(client):
    client.post(
        "/account/signup/",
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "username": "ann",
            "email": "ann@example.org",
            "password1": PASSWORD,
            "accept_data_protection": "on",
        },
    )
    (link,) = [link for link in links_in(only_mail()) if "/confirm-email/" in link]
    mail.outbox.clear()
    return link.removeprefix("http://testserver")


def ann():
    return EmailAddress.objects.get(email="ann@example.org").user


def test_the_link_verifies_the_address(client, agreement):
    link = sign_up(client)
    assert not has_verified_email(ann())
    page = client.get(link)
    assert page.status_code == 200
    assert "Verify my e-mail address" in page.content.decode()
    assert not has_verified_email(ann())  # a GET (a mail scanner) changes nothing
    response = client.post(link)
    assert response.status_code == 302
    assert has_verified_email(ann())


def test_the_link_works_once(client, agreement):
    link = sign_up(client)
    client.post(link)
    page = client.get(link)
    assert page.status_code == 200
    assert "Link expired or already used" in page.content.decode()
    assert client.post(link).status_code == 404


def test_the_link_expires(client, agreement):
    link = sign_up(client)
    with time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=4)
    ):
        assert "Link expired or already used" in client.get(link).content.decode()
        assert client.post(link).status_code == 404
    assert not has_verified_email(ann())


@pytest.mark.parametrize("key", ["garbage", "MQ:1abc:xyz", "a" * 4096, "x-y_z"])
def test_forged_links_do_nothing(client, agreement, key):
    sign_up(client)
    assert client.get(f"/account/confirm-email/{key}/").status_code in (200, 404)
    assert client.post(f"/account/confirm-email/{key}/").status_code == 404
    assert not has_verified_email(ann())


def test_a_link_for_one_account_logs_out_another(client, agreement, candidate):
    link = sign_up(client)
    client.force_login(candidate)
    client.post(link)
    assert has_verified_email(ann())
    assert (
        "_auth_user_id" not in client.session
        or int(client.session["_auth_user_id"]) != candidate.pk
    )


def test_the_candidate_space_offers_to_send_the_link_again(client, agreement):
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        sign_up(client)
        page = client.get("/me/").content.decode()
        assert "Verify your e-mail address" in page
        resend = {"email": "ann@example.org", "action_send": ""}
        # Just after sign-up, the page says why no new link comes.
        response = client.post("/account/email/", resend, follow=True)
        assert "A link was sent a few minutes ago" in response.content.decode()
        assert mail.outbox == []
        clock.shift(datetime.timedelta(minutes=4))
        response = client.post("/account/email/", resend, follow=True)
        assert "We have sent a verification link to ann@example.org" in (
            response.content.decode()
        )
        assert "/account/confirm-email/" in only_mail().body


# The helper the applications use


@verified_email_required
def apply(request):
    return HttpResponse("application form")


def test_an_unverified_candidate_cannot_apply_and_gets_a_new_link(
    rf, agreement, client, django_capture_on_commit_callbacks
):
    from allauth.core import context
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        sign_up(client)
        clock.shift(datetime.timedelta(minutes=4))
        request = rf.get("/offers/x/apply/")
        request.user = ann()
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        with (
            context.request_context(request),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = apply(request)
    assert response.status_code == 200
    assert b"Verify your e-mail address to apply" in response.content
    assert b"application form" not in response.content
    assert "/account/confirm-email/" in only_mail().body


def test_a_verified_candidate_can_apply(client, candidate):
    client.force_login(candidate)
    request = RequestFactory().get("/offers/x/apply/")
    request.user = candidate
    assert apply(request).content == b"application form"


def test_a_visitor_is_sent_to_log_in_and_back(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/offers/x/apply/")
    request.user = AnonymousUser()
    response = apply(request)
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/offers/x/apply/"


def test_has_verified_email_follows_the_current_address(db):
    user = UserFactory(username="max", email="max@example.org")
    assert not has_verified_email(user)
    EmailAddress.objects.create(user=user, email="old@example.org", verified=True)
    assert not has_verified_email(user)
    EmailAddress.objects.create(user=user, email="max@example.org", verified=True)
    assert has_verified_email(user)
