"""The account e-mails go out through a real SMTP server: the verification code at
sign-up, forgotten username, forgotten password; links on the site's own address."""

import re

import pytest

from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import User
from candidates.verification import has_verified_email
from home.factories import DataProtectionPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Plum-Harbour-42"


@pytest.fixture
def agreement(home_page):
    return DataProtectionPageFactory(parent=home_page, slug="data-protection")


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_sign_up_verification_reaches_the_smtp_server(
    client, agreement, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox's delivery
        response = client.post(
            "/en/account/signup/",
            {
                "first_name": "Ann",
                "last_name": "Lee",
                "username": "ann",
                "email": "ann@example.org",
                "password1": PASSWORD,
                "accept_data_protection": "on",
            },
        )
    assert response.status_code == 302
    (received,) = smtp_server.received
    assert received.envelope_to == ["ann@example.org"]
    (code,) = re.findall(r"^\s*(\d{6})\s*$", received.text(), re.MULTILINE)
    assert "Your code for " in received.subject and code in received.subject
    assert code in received.html()
    # The code works, in the same tab: the address gets verified.
    client.post(response["Location"], {"action": "verify", "code": code})
    assert has_verified_email(User.objects.get(username="ann"))


def test_forgotten_username_and_password_reach_the_smtp_server(
    client, home_page, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    user = UserFactory(username="Jane.Doe", email="jane@example.org", password=PASSWORD)
    EmailAddressFactory(user=user)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox's deliveries
        client.post(
            "/en/account/forgot-username/",
            {"email": "JANE@example.org"},
            HTTP_HOST="evil.example",
        )
        client.post(
            "/en/account/password/reset/",
            {"email": "jane@example.org"},
            HTTP_HOST="evil.example",
        )
        client.post("/en/account/password/reset/", {"email": "nobody@example.org"})
    username_mail, reset_mail, unknown_mail = smtp_server.received
    assert username_mail.envelope_to == ["jane@example.org"]
    assert "Jane.Doe" in username_mail.text()
    assert reset_mail.envelope_to == ["jane@example.org"]
    (reset_link,) = [
        link for link in links(reset_mail.text()) if "/password/reset/key/" in link
    ]
    assert reset_link.startswith("http://testserver/en/account/password/reset/key/")
    assert PASSWORD not in reset_mail.text()
    for received in (username_mail, reset_mail, unknown_mail):
        assert "evil.example" not in received.text() + received.html()
        assert received.message["Message-ID"]
    assert unknown_mail.envelope_to == ["nobody@example.org"]
    assert "no account uses this address" in unknown_mail.text()
    # The reset link from the real mail works.
    page = client.get(reset_link.removeprefix("http://testserver"), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"password1": "New-Harbour-77", "password2": "New-Harbour-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("New-Harbour-77")
