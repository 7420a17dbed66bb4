"""E-mail goes to the console by default and to SMTP when the environment says so."""

import subprocess
import sys

import pytest

from config.settings.base import _email_settings_from_url


def test_email_url_is_parsed():
    assert _email_settings_from_url(
        "smtp://user%40x:p%2Fss@mail.example.com:587?tls=1"
    ) == {
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "user@x",
        "EMAIL_HOST_PASSWORD": "p/ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }
    assert _email_settings_from_url("smtps://mail.example.com")["EMAIL_USE_SSL"] is True


def backend_with(env: dict[str, str]) -> str:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev';"
        "from django.conf import settings;"
        "print(settings.EMAIL_BACKEND, getattr(settings, 'EMAIL_HOST', ''),"
        " getattr(settings, 'EMAIL_PORT', ''))"
    )
    clean = {"PATH": "/usr/bin:/bin", **env}
    return subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.parametrize(
    "env,expected",
    [
        ({}, "django.core.mail.backends.console.EmailBackend localhost 25"),
        (
            {"EMAIL_HOST": "smtp.example.com", "EMAIL_PORT": "2525"},
            "django.core.mail.backends.smtp.EmailBackend smtp.example.com 2525",
        ),
        (
            {"EMAIL_URL": "smtp://relay.example.com:1025"},
            "django.core.mail.backends.smtp.EmailBackend relay.example.com 1025",
        ),
    ],
)
def test_demo_settings_choose_the_backend_from_the_environment(env, expected):
    assert backend_with(env) == expected
