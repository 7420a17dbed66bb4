"""A password is at most ``PASSWORD_MAX_LENGTH`` characters: longer ones are
refused with a clear message wherever a password is chosen, and refused before
anything hashes them, at log-in too."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError

from candidates.factories import UserFactory
from candidates.models import User
from candidates.validators import PASSWORD_MAX_LENGTH

from .conftest import PASSWORD
from .test_forgotten import choose_password, request_reset

pytestmark = pytest.mark.django_db

HUGE = "Ab1-" * 250_000  # a million characters
TOO_LONG = "This password is too long: use at most 4096 characters (it has 1000000)."
WRONG = "The username or e-mail address, or the password, is not correct."


@pytest.fixture(autouse=True)
def hashed(monkeypatch) -> list[int]:
    """The length of every password hashed during the test (the test settings'
    one hasher)."""
    lengths: list[int] = []
    encode = MD5PasswordHasher.encode

    def spy(self, password, salt):
        lengths.append(len(password))
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", spy)
    return lengths


def assert_never_hashed_long(hashed: list[int]) -> None:
    assert all(length <= PASSWORD_MAX_LENGTH for length in hashed), hashed


def test_the_validator_accepts_the_maximum_and_refuses_more():
    assert PASSWORD_MAX_LENGTH == 4096
    validate_password("Zy9-" * 1024)
    with pytest.raises(ValidationError) as refused:
        validate_password("Zy9-" * 1024 + "x")
    assert refused.value.messages[0] == (
        "This password is too long: use at most 4096 characters (it has 4097)."
    )
    assert "Your password can’t be longer than 4096 characters." in (
        password_validators_help_texts()
    )


def test_sign_up_refuses_a_million_character_password(client, agreement, hashed):
    response = client.post(
        "/en/account/signup/",
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "username": "ann.lee",
            "email": "ann@example.org",
            "password1": HUGE,
            "accept_data_protection": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_LONG in html
    assert 'href="#id_password1"' in html
    assert not User.objects.filter(username="ann.lee").exists()
    assert_never_hashed_long(hashed)


def test_change_password_refuses_it(client, candidate, hashed):
    client.force_login(candidate)
    response = client.post(
        "/en/account/password/change/",
        {"oldpassword": PASSWORD, "password1": HUGE, "password2": HUGE},
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.check_password(PASSWORD)
    assert_never_hashed_long(hashed)


def test_set_password_refuses_it(client, hashed):
    user = UserFactory(username="nopass", email="nopass@example.org")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.post(
        "/en/account/password/set/", {"password1": HUGE, "password2": HUGE}
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert_never_hashed_long(hashed)


def test_the_reset_password_link_refuses_it(client, candidate, hashed):
    link = request_reset(client)
    response = choose_password(client, link, HUGE)
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.check_password(PASSWORD)
    assert_never_hashed_long(hashed)


@pytest.mark.parametrize("login", ["jane.doe", "jane@example.org", "nobody"])
def test_log_in_refuses_an_overlong_password_unhashed(client, candidate, hashed, login):
    hashed.clear()  # the fixtures' own passwords
    response = client.post("/en/account/login/", {"login": login, "password": HUGE})
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert hashed == []  # not even the dummy hash of an unknown account


def test_the_longest_password_still_logs_in(client, candidate):
    candidate.set_password("Zy9-" * 1024)
    candidate.save()
    response = client.post(
        "/en/account/login/", {"login": "jane.doe", "password": "Zy9-" * 1024}
    )
    assert response.status_code == 302
