"""Every account page and e-mail is valid HTML, as the Nu HTML Checker sees it,
including the pages that show form errors."""

from pathlib import Path

import pytest
from allauth.account.models import EmailConfirmationHMAC
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from candidates.consent import current_agreement, record_consent
from candidates.factories import (
    CandidateProfileFactory,
    EducationFactory,
    EmailAddressFactory,
    ExperienceFactory,
    UserFactory,
)
from tests.html_checker import validate

from .conftest import PASSWORD, CommittingClient, links_in

pytestmark = [pytest.mark.django_db, pytest.mark.html_checker]


def test_account_pages_and_emails_are_valid_html(
    client, agreement, candidate, tmp_path
):
    pages: list[tuple[str, bytes]] = []

    def keep(name, response, status=200):
        assert response.status_code == status, name
        pages.append((name, response.content))

    # Anonymous pages, clean and with errors.
    keep("login", client.get("/en/account/login/?next=/en/offers/"))
    keep(
        "login-errors",
        client.post("/en/account/login/", {"login": "x", "password": "y"}),
    )
    keep("signup", client.get("/en/account/signup/"))
    keep("signup-errors", client.post("/en/account/signup/", {"username": "a b"}))
    keep("forgot-username", client.get("/en/account/forgot-username/"))
    keep(
        "forgot-username-errors",
        client.post("/en/account/forgot-username/", {"email": "x"}),
    )
    keep("forgot-username-sent", client.get("/en/account/forgot-username/sent/"))
    keep("reset", client.get("/en/account/password/reset/"))
    keep("reset-errors", client.post("/en/account/password/reset/", {"email": "x"}))
    keep("reset-done", client.get("/en/account/password/reset/done/"))
    keep("confirm-expired", client.get("/en/account/confirm-email/bad-key/"))
    # Sign-up in another tab: the code page, then a wrong code; an address taken.
    visitor = CommittingClient()
    code_page = visitor.post(
        "/en/account/signup/?next=/en/offers/",
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "username": "ann.lee",
            "email": "ann@example.org",
            "password1": PASSWORD,
            "accept_data_protection": "on",
        },
    )["Location"]
    keep("code", visitor.get(code_page))
    keep("code-errors", visitor.post(code_page, {"action": "verify", "code": "1"}))
    CommittingClient().post(
        "/en/account/signup/",
        {
            "first_name": "Max",
            "last_name": "Roe",
            "username": "max.roe",
            "email": "jane@example.org",
            "password1": PASSWORD,
            "accept_data_protection": "on",
        },
    )
    old = UserFactory(username="old.timer", email="old@example.org")
    old_address = EmailAddressFactory(user=old, email="old@example.org", verified=False)
    keep(
        "confirm",
        client.get(
            f"/en/account/confirm-email/{EmailConfirmationHMAC(old_address).key}/"
        ),
    )
    keep(
        "reset-key-bad",
        client.get("/en/account/password/reset/key/1-bad/", follow=True),
    )

    client.post("/en/account/password/reset/", {"email": "jane@example.org"})
    (link,) = [
        link for link in links_in(mail.outbox[-1]) if "/password/reset/key/" in link
    ]
    form_page = client.get(link.removeprefix("http://testserver"), follow=True)
    keep("reset-key", form_page)
    keep(
        "reset-key-errors",
        client.post(
            form_page.redirect_chain[-1][0], {"password1": "1", "password2": "2"}
        ),
    )
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/en/account/login/", {"login": "bob", "password": "wrong"}
        )
    keep("lockout", response, 429)
    for _attempt in range(5):
        response = client.post(
            "/en/account/forgot-username/", {"email": "z@example.org"}
        )
    keep(
        "too-many",
        client.post("/en/account/forgot-username/", {"email": "z@example.org"}),
        429,
    )

    # The candidate space.
    client.force_login(candidate)
    profile = CandidateProfileFactory(user=candidate)
    experience = ExperienceFactory(profile=profile)
    EducationFactory(profile=profile)
    keep("space", client.get("/en/me/"))
    keep("profile", client.get("/en/me/profile/"))
    keep(
        "profile-errors",
        client.post("/en/me/profile/", {"phone": "??", "website": "x"}),
    )
    keep("experience-add", client.get("/en/me/profile/experience/add/"))
    keep(
        "experience-errors",
        client.post(
            "/en/me/profile/experience/add/",
            {"start_date": "2020-01-01", "end_date": "2019-01-01"},
        ),
    )
    keep(
        "experience-remove",
        client.get(f"/en/me/profile/experience/{experience.pk}/remove/"),
    )
    keep(
        "education-errors",
        client.post("/en/me/profile/education/add/", {"end_year": "1"}),
    )
    keep("documents", client.get("/en/me/documents/"))
    keep("applications", client.get("/en/me/applications/"))
    keep("parameters", client.get("/en/me/parameters/"))
    keep(
        "username-errors",
        client.post("/en/me/parameters/username/", {"username": "a b"}),
    )
    keep("language", client.get(reverse("candidates:change_language")))
    keep(
        "language-errors",
        client.post(reverse("candidates:change_language"), {"language": "xx"}),
    )
    # Consents: the history, the optional consents, a new version to accept.
    record_consent(candidate, agreement)
    keep("optional-consents", client.get("/en/me/parameters/consents/"))
    client.post("/en/me/parameters/consents/", {"optional_talent_pool": "on"})
    new_version = current_agreement()
    new_version.introduction = "A new version."
    new_version.save_revision().publish()
    keep("renew-consent", client.get("/en/me/parameters/agreement/?next=/en/me/"))
    keep("renew-consent-errors", client.post("/en/me/parameters/agreement/", {}))
    client.post("/en/me/parameters/agreement/", {"accept_data_protection": "on"})
    keep("consent-history", client.get("/en/me/parameters/"))
    first = candidate.consents.last()
    keep(
        "consent-version",
        client.get(f"/en/me/parameters/agreement/versions/{first.pk}/"),
    )
    client.post(
        "/en/account/email/", {"action_add": "1", "email": "jane.new@example.org"}
    )
    keep("email-code", client.get("/en/account/confirm-email/"))
    keep("email", client.get("/en/account/email/"))
    keep(
        "email-errors",
        client.post("/en/account/email/", {"action_add": "1", "email": "x"}),
    )
    keep(
        "password-change-errors",
        client.post("/en/account/password/change/", {"oldpassword": "x"}),
    )
    keep("reauthenticate", client.get("/en/account/reauthenticate/"))
    keep("logout", client.get("/en/account/logout/"))

    # Every e-mail sent on the way.
    client.post("/en/account/forgot-username/", {"email": "jane@example.org"})
    client.post("/en/account/password/reset/", {"email": "nobody@example.org"})
    client.post(
        "/en/account/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Brand-New-5x",
            "password2": "Brand-New-5x",
        },
    )
    sent = {message.subject for message in mail.outbox}
    assert len(sent) >= 5, sent
    for number, message in enumerate(mail.outbox):
        pages.append((f"mail{number}", message.alternatives[0][0].encode()))

    files = []
    for name, content in pages:
        file = tmp_path / f"{name}.html"
        file.write_bytes(content)
        files.append(file)
    errors = validate(files)
    readable = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in errors
    ]
    assert errors == [], "\n".join(readable)
