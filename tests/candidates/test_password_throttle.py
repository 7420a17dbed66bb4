"""Every action that checks the password of a logged-in candidate ("Delete my
account", "Change my password", allauth's reauthentication) counts a wrong one as
a failed log-in of the account: once it is locked (django-axes), the action is
refused with the log-in's lock-out page, whatever password is typed."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings

from candidates.models import User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

DELETE = "/en/me/parameters/delete/"
PASSWORD_CHANGE = "/en/account/password/change/"
REAUTHENTICATE = "/en/account/reauthenticate/"
LOCKED = "Log-in paused"


@pytest.fixture
def jane(client, candidate):
    client.force_login(candidate)
    return candidate


def change_password(client, old: str):
    return client.post(
        PASSWORD_CHANGE,
        {
            "oldpassword": old,
            "password1": "Brand-New-Pass-5",
            "password2": "Brand-New-Pass-5",
        },
    )


def test_wrong_passwords_on_delete_my_account_lock_it(client, jane):
    limit = django_settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _attempt in range(limit - 1):
        response = client.post(DELETE, {"password": "wrong password"})
        assert response.status_code == 200
        assert "This is not your password. Nothing was deleted." in (
            response.content.decode()
        )
    response = client.post(DELETE, {"password": "wrong password"})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # Now even the right password is refused, and the account stays.
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and 'role="alert"' in html
    assert User.objects.filter(pk=jane.pk, is_active=True).exists()
    # The log-in of the account is locked as well.
    client.logout()
    response = client.post(
        "/en/account/login/", {"login": "jane.doe", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_the_lock_ends_after_the_cool_off(client, jane):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(DELETE, {"password": "wrong password"})
    later = datetime.datetime.now(tz=datetime.UTC) + django_settings.AXES_COOLOFF_TIME
    with time_machine.travel(later + datetime.timedelta(seconds=5)):
        response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=jane.pk).exists()


def test_wrong_current_passwords_on_change_password_lock_it(client, jane):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = change_password(client, "wrong password")
        assert response.status_code == 200
        assert 'href="#id_oldpassword"' in response.content.decode()
    response = change_password(client, "wrong password")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # Past allauth's own rate (5 a minute), the lock holds: the right password
    # is refused with the lock-out page.
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)
    with time_machine.travel(later):
        response = change_password(client, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    jane.refresh_from_db()
    assert jane.check_password(PASSWORD)


def test_failures_add_up_across_actions_and_log_in(client, jane, other_candidate):
    """Two wrong passwords here, two there, one at log-in: five for the account."""
    client.post(DELETE, {"password": "wrong password"})
    client.post(DELETE, {"password": "wrong password"})
    change_password(client, "wrong password")
    change_password(client, "wrong password")
    client.logout()
    response = client.post(
        "/en/account/login/", {"login": "jane@example.org", "password": "wrong"}
    )
    assert response.status_code == 429
    # Another account is not concerned.
    response = client.post("/en/account/login/", {"login": "bob", "password": PASSWORD})
    assert response.status_code == 302


def test_reauthentication_is_locked_alike(client, jane):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(REAUTHENTICATE, {"password": "wrong password"})
    assert response.status_code == 429
    response = client.post(REAUTHENTICATE, {"password": PASSWORD})
    assert response.status_code == 429


def test_the_right_password_does_not_reset_the_count_of_an_action(client, jane):
    """Only a log-in resets it: a right password between wrong ones does not
    give an attacker who holds the session new tries."""
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT - 2):
        change_password(client, "wrong password")
    response = client.post(
        PASSWORD_CHANGE,
        {"oldpassword": PASSWORD, "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200  # the new one is refused, the old one right
    assert 'href="#id_oldpassword"' not in response.content.decode()
    assert client.post(DELETE, {"password": "wrong"}).status_code == 200
    response = client.post(DELETE, {"password": "wrong"})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_the_password_fields_are_masked_in_what_axes_keeps(client, jane):
    from axes.models import AccessAttempt

    change_password(client, "my-secret-guess")
    client.post(DELETE, {"password": "another-secret-guess"})
    kept = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert kept
    assert "secret-guess" not in kept and "Brand-New-Pass-5" not in kept
