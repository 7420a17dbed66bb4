"""Log-in by username or e-mail, "remember me", a safe return, lock-out."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from candidates.factories import UserFactory
from home.groups import HR_RECRUITERS

from .conftest import PASSWORD

HOME = f"/{django_settings.LANGUAGE_CODE}/"

pytestmark = pytest.mark.django_db

URL = "/en/account/login/"
WRONG = "The username or e-mail address, or the password, is not correct."


def log_in(client, login, password=PASSWORD, **extra):
    return client.post(URL, {"login": login, "password": password, **extra})


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("login", ["Jane.Doe", "jane.doe", "JANE@example.ORG"])
def test_log_in_by_username_or_email_in_any_case(client, candidate, login):
    response = log_in(client, login)
    assert response.status_code == 302
    assert response["Location"] == HOME  # the home page in the page's language
    assert int(client.session["_auth_user_id"]) == candidate.pk


def test_without_remember_me_the_session_ends_with_the_browser(client, candidate):
    log_in(client, "jane.doe")
    assert client.session.get_expire_at_browser_close()


def test_remember_me_keeps_the_session(client, candidate):
    log_in(client, "jane.doe", remember="on")
    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == django_settings.SESSION_COOKIE_AGE


def test_returns_to_the_offer_the_candidate_meant_to_apply_to(client, candidate):
    page = client.get(URL + "?next=/en/offers/data-analyst/apply/")
    assert 'name="next" value="/en/offers/data-analyst/apply/"' in page.content.decode()
    response = log_in(client, "jane.doe", next="/en/offers/data-analyst/apply/")
    assert response["Location"] == "/en/offers/data-analyst/apply/"


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/offers/",
        "https://evil.example/",
        "http:evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_never_returns_to_another_site(client, candidate, next_url):
    response = log_in(client, "jane.doe", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == HOME  # the home page in the page's language


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("jane.doe", "wrong password"),
        ("nobody", PASSWORD),
        ("nobody@example.org", PASSWORD),
        ("jane@example.org", "wrong password"),
    ],
)
def test_a_failed_log_in_says_the_same_whatever_was_wrong(
    client, candidate, login, password
):
    response = log_in(client, login, password)
    assert response.status_code == 200
    html = response.content.decode()
    assert WRONG in html
    assert 'role="alert"' in html
    assert f'value="{login}"' in html  # what was typed stays
    assert not logged_in(client)


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("jane\x00.doe", PASSWORD),
        ("jane.doe", PASSWORD + "\x00"),
        ("x" * 4096, PASSWORD),
        ("jane.doe", "x" * 4096),
        ("", ""),
    ],
)
def test_bad_inputs_give_an_error_not_a_crash(client, candidate, login, password):
    response = log_in(client, login, password)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not logged_in(client)


def test_a_forged_host_cannot_make_itself_a_safe_return(client, candidate):
    response = log_in(
        client, "jane.doe", next="http://evil.example/", HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    assert response["Location"] == HOME  # the home page in the page's language


def test_extra_fields_are_ignored(client, candidate):
    log_in(client, "jane.doe", is_staff="on", is_superuser="on")
    candidate.refresh_from_db()
    assert not candidate.is_staff and not candidate.is_superuser


# Lock-out (django-axes): per account, whatever it is typed as.


def fail(client, login, times, url=URL, field="login"):
    for _attempt in range(times):
        response = client.post(url, {field: login, "password": "wrong password"})
        assert response.status_code in (200, 429)
    return response


def test_an_account_is_locked_after_repeated_failures(
    client, candidate, other_candidate
):
    limit = django_settings.AXES_FAILURE_LIMIT
    fail(client, "jane.doe", limit - 2)
    response = fail(client, "JANE@example.org", 1)  # the same account
    assert response.status_code == 200
    response = fail(client, "Jane.Doe", 1)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Log-in paused" in html
    assert 'role="alert"' in html
    assert "/en/account/password/reset/" in html
    # Even the right password is refused now, by username or e-mail.
    assert log_in(client, "jane.doe").status_code == 429
    assert log_in(client, "jane@example.org").status_code == 429
    assert not logged_in(client)
    # Another account from the same connection is not concerned.
    assert log_in(client, "bob").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, candidate):
    fail(client, "jane.doe", django_settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "jane.doe").status_code == 429
    later = datetime.datetime.now(tz=datetime.UTC) + django_settings.AXES_COOLOFF_TIME
    with time_machine.travel(later + datetime.timedelta(seconds=5)):
        assert log_in(client, "jane.doe").status_code == 302


def test_unknown_accounts_are_locked_alike(client, candidate):
    """The lock-out page reveals nothing about which accounts exist."""
    known = fail(client, "jane.doe", django_settings.AXES_FAILURE_LIMIT)
    unknown = fail(client, "nobody", django_settings.AXES_FAILURE_LIMIT)
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_a_successful_log_in_resets_the_count(client, candidate):
    fail(client, "jane.doe", django_settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "jane.doe").status_code == 302
    client.logout()
    assert fail(client, "jane.doe", 1).status_code == 200


def test_failed_log_ins_are_throttled_per_client_address(client, candidate, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "3/m/ip",
    }
    for number in range(3):
        fail(client, f"someone{number}", 1)
    response = log_in(client, "jane.doe")
    assert response.status_code == 200
    assert "Too many failed log-ins from your connection" in response.content.decode()
    assert not logged_in(client)


# The Wagtail admin: staff only, protected the same way.

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def recruiter(db):
    user = UserFactory(username="hugo", email="hugo@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get(name=HR_RECRUITERS))
    return user


def test_staff_log_in_to_the_admin(client, recruiter, home_page):
    response = client.post(
        ADMIN_LOGIN, {"username": "hugo", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_candidates_cannot_reach_the_admin(client, candidate, home_page):
    client.post(ADMIN_LOGIN, {"username": "jane.doe", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)
    client.force_login(candidate)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_the_admin_log_in_locks_the_account_too(client, recruiter, home_page):
    response = fail(
        client, "hugo", django_settings.AXES_FAILURE_LIMIT, ADMIN_LOGIN, "username"
    )
    assert response.status_code == 429
    assert "Log-in paused" in response.content.decode()
    response = client.post(ADMIN_LOGIN, {"username": "hugo", "password": PASSWORD})
    assert response.status_code == 429
    # One lock per account: the site's log-in page is closed to it as well.
    assert log_in(client, "hugo@example.org").status_code == 429


def test_the_admin_log_in_is_throttled_per_client_address(client, home_page, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    for number in range(3):
        response = client.post(
            ADMIN_LOGIN, {"username": f"someone{number}", "password": "x"}
        )
        assert response.status_code == 200
    response = client.post(ADMIN_LOGIN, {"username": "someone9", "password": "x"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
