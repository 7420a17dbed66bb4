"""The candidate's language: chosen at sign-up from the page's language, changed
in "My parameters", and the language of every account e-mail to them, whatever
the language of the page that caused it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from candidates.models import User

from .conftest import PASSWORD, only_mail
from .test_signup import data as signup_data

pytestmark = pytest.mark.django_db

BILINGUAL = [("en", "English"), ("fr", "Français")]


@pytest.fixture(autouse=True)
def bilingual(settings):
    settings.LANGUAGES = BILINGUAL
    yield
    translation.activate("en")


def url(language: str, name: str, **kwargs) -> str:
    """The page's address in ``language`` (prefixed once the site has prefixes)."""
    with translation.override(language):
        return reverse(name, **kwargs)


def post(client, language: str, name: str, data: dict, **kwargs):
    """Posts to the page in ``language``, as a browser set to it does."""
    return client.post(
        url(language, name, **kwargs), data, HTTP_ACCEPT_LANGUAGE=language
    )


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_written_in(message, language: str) -> None:
    assert f'<html lang="{language}">' in html_of(message)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sign_up_keeps_the_pages_language_and_writes_in_it(client, agreement, language):
    response = post(client, language, "account_signup", signup_data())
    assert response.status_code == 302
    assert User.objects.get(username="ann.lee").language == language
    assert_written_in(only_mail(), language)


@pytest.mark.parametrize(("theirs", "page"), [("fr", "en"), ("en", "fr")])
def test_the_reset_link_is_written_in_the_candidates_language(
    client, candidate, theirs, page
):
    User.objects.filter(pk=candidate.pk).update(language=theirs)
    post(client, page, "account_reset_password", {"email": candidate.email})
    assert_written_in(only_mail(), theirs)


@pytest.mark.parametrize("page", ["fr", "en"])
def test_an_unknown_address_is_written_to_in_the_pages_language(client, db, page):
    post(client, page, "account_reset_password", {"email": "nobody@example.org"})
    assert_written_in(only_mail(), page)


@pytest.mark.parametrize(("theirs", "page"), [("fr", "en"), ("en", "fr")])
def test_the_forgotten_username_is_written_in_the_candidates_language(
    client, candidate, theirs, page
):
    User.objects.filter(pk=candidate.pk).update(language=theirs)
    post(client, page, "accounts:forgot_username", {"email": candidate.email})
    message = only_mail()
    assert_written_in(message, theirs)
    assert "Jane.Doe" in message.body


@pytest.mark.parametrize(("theirs", "page"), [("fr", "en"), ("en", "fr")])
def test_account_already_exists_is_written_in_the_accounts_language(
    client, agreement, candidate, theirs, page
):
    User.objects.filter(pk=candidate.pk).update(language=theirs)
    post(
        client,
        page,
        "account_signup",
        signup_data(username="someone.else", email=candidate.email),
    )
    assert_written_in(only_mail(), theirs)


@pytest.mark.parametrize(
    ("theirs", "page", "date"),
    [("fr", "en", "31 janvier 2027"), ("en", "fr", "Jan. 31, 2027")],
)
def test_the_password_change_notice_dates_in_the_candidates_language(
    client, candidate, theirs, page, date
):
    User.objects.filter(pk=candidate.pk).update(language=theirs)
    new = "Other-Harbour-91"
    with time_machine.travel(datetime.datetime(2027, 1, 31, 10, tzinfo=datetime.UTC)):
        client.force_login(candidate)
        response = post(
            client,
            page,
            "account_change_password",
            {"oldpassword": PASSWORD, "password1": new, "password2": new},
        )
    assert response.status_code == 302
    message = only_mail()
    assert_written_in(message, theirs)
    assert date in message.body
    assert date in html_of(message)


# "My parameters"


def test_the_parameters_show_the_language_and_a_link_to_change_it(client, candidate):
    client.force_login(candidate)
    html = client.get(url("en", "candidates:parameters")).content.decode()
    assert "Language of my e-mails" in html
    assert f'href="{url("en", "candidates:change_language")}"' in html


def test_the_candidate_changes_their_language(client, candidate):
    client.force_login(candidate)
    response = post(client, "en", "candidates:change_language", {"language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == url("en", "candidates:parameters")
    candidate.refresh_from_db()
    assert candidate.language == "fr"
    mail.outbox.clear()
    post(client, "en", "account_reset_password", {"email": candidate.email})
    assert_written_in(only_mail(), "fr")


@pytest.mark.parametrize("value", ["", "de", "x" * 300])
def test_a_language_the_site_does_not_speak_is_refused(client, candidate, value):
    client.force_login(candidate)
    response = post(client, "en", "candidates:change_language", {"language": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary' in html
    assert 'class="form-field__error" id="id_language_error"' in html
    candidate.refresh_from_db()
    assert candidate.language == "en"


def test_the_change_page_needs_a_log_in(client, db):
    response = client.get(url("en", "candidates:change_language"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
