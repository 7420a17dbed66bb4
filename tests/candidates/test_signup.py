"""Sign-up: identity, credentials, consent to the Data Protection Agreement."""

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from candidates.models import CandidateProfile, Consent, User

from .conftest import PASSWORD, code_in, only_mail

pytestmark = pytest.mark.django_db

URL = "/en/account/signup/"


def data(**overrides):
    values = {
        "first_name": "Ann",
        "last_name": "Lee",
        "username": "ann.lee",
        "email": "ann@example.org",
        "password1": PASSWORD,
        "accept_data_protection": "on",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def test_the_form_shows_an_unticked_consent_box_linked_to_the_agreement(
    client, agreement
):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="accept_data_protection"' in html
    box = html[html.index('name="accept_data_protection"') - 200 :][:400]
    assert "checked" not in box
    assert f'href="{agreement.url}"' in html


def test_sign_up_creates_account_profile_consent_and_sends_verification(
    client, agreement
):
    response = client.post(URL, data())
    assert response.status_code == 302
    assert response["Location"] == "/en/account/confirm-email/"
    user = User.objects.get(username="ann.lee")
    assert (user.first_name, user.last_name, user.email) == (
        "Ann",
        "Lee",
        "ann@example.org",
    )
    assert user.check_password(PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert CandidateProfile.objects.filter(user=user).exists()
    consent = Consent.objects.get(user=user)
    assert (
        consent.revision
        == agreement.specific.__class__.objects.get(pk=agreement.pk).live_revision
    )
    assert consent.revision.object_id == str(agreement.pk)
    address = EmailAddress.objects.get(user=user)
    assert not address.verified
    message = only_mail()
    assert message.to == ["ann@example.org"]
    code = code_in(message)
    # Logged in once the code of the e-mail is typed, then on to "My space".
    assert client.get("/en/me/profile/").status_code == 302
    response = client.post(
        "/en/account/confirm-email/", {"action": "verify", "code": code}
    )
    assert response["Location"] == "/en/me/"
    assert client.get("/en/me/profile/").status_code == 200


def test_no_account_without_consent(client, agreement):
    response = client.post(URL, data(accept_data_protection=None))
    assert response.status_code == 200
    html = response.content.decode()
    assert "tick the box to accept the Data Protection Agreement" in html
    assert 'role="alert"' in html
    assert 'value="ann.lee"' in html  # nothing typed is lost
    assert not User.objects.exists()
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_sign_up_is_closed_without_a_published_agreement(client, home_page):
    response = client.post(URL, data())
    assert response.status_code == 200
    assert "Sign-up closed" in response.content.decode()
    assert not User.objects.exists()


def test_username_taken_in_another_case(client, agreement, candidate):
    response = client.post(URL, data(username="JANE.DOE"))
    assert response.status_code == 200
    assert "This username is already taken." in response.content.decode()
    assert User.objects.count() == 1


def test_email_taken_in_another_case(client, agreement, candidate):
    # Nothing tells the visitor: the code page as for a new address, and an e-mail
    # to the address's owner (test_signup_enumeration.py).
    response = client.post(URL, data(email="JANE@Example.ORG"))
    assert response.status_code == 302
    assert response["Location"] == "/en/account/confirm-email/"
    assert User.objects.count() == 1
    assert not Consent.objects.exists()
    assert "You already have an account" in only_mail().subject


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "jаne.doe"),  # Cyrillic "а"
        ("username", "ｊａｎｅ"),  # full-width letters
        ("username", "jane doe"),
        ("username", "jane@doe"),
        ("username", "x" * 4096),
        ("username", "ann\x00"),
        ("email", "ann@exаmple.org"),  # Cyrillic "а" in the domain
        ("email", "ann\x00@example.org"),
        ("first_name", "Ann\x00"),
        ("password1", "Plum\x00Harbour-42"),
        ("password1", "12345678"),
        ("password1", "ann.lee-1"),
    ],
)
def test_bad_inputs_are_refused_with_an_error(client, agreement, field, value):
    response = client.post(URL, data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_4096_character_password_works(client, agreement):
    password = "Ab1-" * 1024
    response = client.post(URL, data(password1=password))
    assert response.status_code == 302
    client.post(
        response["Location"], {"action": "verify", "code": code_in(only_mail())}
    )
    client.logout()
    response = client.post(
        "/en/account/login/", {"login": "ann.lee", "password": password}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_extra_fields_are_ignored(client, agreement, home_page):
    response = client.post(
        URL,
        data(
            is_staff="on",
            is_superuser="on",
            is_active="",
            groups="1",
            date_joined="2000-01-01",
        ),
    )
    assert response.status_code == 302
    user = User.objects.get(username="ann.lee")
    assert not user.is_staff and not user.is_superuser and user.is_active
    assert not user.groups.exists()
    assert user.date_joined.year > 2000


def test_sign_up_returns_to_where_the_candidate_was(client, agreement):
    response = client.post(URL + "?next=/en/offers/data-analyst/", data())
    assert (
        response["Location"]
        == "/en/account/confirm-email/?next=%2Fen%2Foffers%2Fdata-analyst%2F"
    )
    response = client.post(
        response["Location"], {"action": "verify", "code": code_in(only_mail())}
    )
    assert response["Location"] == "/en/offers/data-analyst/"


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/", "/\x00", "javascript:x"]
)
def test_sign_up_never_returns_to_another_site(client, agreement, next_url):
    response = client.post(URL, {**data(), "next": next_url})
    assert response["Location"] == "/en/account/confirm-email/"
    response = client.post(
        response["Location"], {"action": "verify", "code": code_in(only_mail())}
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc) == ("", "")
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")


def test_a_conflict_while_saving_leaves_nothing_half_saved(
    client, agreement, monkeypatch
):
    from django.db import IntegrityError

    def conflict(*args, **kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr("candidates.forms.record_consent", conflict)
    response = client.post(URL, data())
    assert response.status_code == 200
    assert "has just been taken" in response.content.decode()
    assert 'value="ann.lee"' in response.content.decode()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_sign_up_is_throttled_per_client_address(client, agreement, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for _attempt in range(2):
        assert client.post(URL, data(email="not-an-address")).status_code == 200
    response = client.post(URL, data())
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.exists()


def test_a_forged_host_is_refused(client, agreement):
    response = client.post(URL, data(), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not User.objects.exists()
