"""Privacy e-mails in the candidate's language, whatever the language of the
process that sends them: the warning of erasure (with its date) and the
confirmation of erasure."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

from candidates.factories import EmailAddressFactory, UserFactory
from privacy.erasure import erase_candidate

from .privacy_world import PASSWORD, private_dir

__all__ = ["private_dir"]

pytestmark = pytest.mark.django_db

BILINGUAL = [("en", "English"), ("fr", "Français")]
UTC = datetime.UTC
ACTIVE_AT = datetime.datetime(2023, 3, 31, 10, 0, tzinfo=UTC)
WARN_AT = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def bilingual(settings):
    settings.LANGUAGES = BILINGUAL
    yield
    translation.activate("en")


def html_of(message) -> str:
    ((html, _mimetype),) = message.alternatives
    return html


@pytest.mark.parametrize(
    ("theirs", "worker", "date"),
    [("fr", "en", "31 mars 2025"), ("en", "fr", "March 31, 2025")],
)
def test_the_warning_of_erasure_is_dated_in_the_candidates_language(
    private_dir, theirs, worker, date
):
    user = UserFactory(
        username="sleepy",
        email="sleepy@example.org",
        password=PASSWORD,
        date_joined=ACTIVE_AT - datetime.timedelta(days=100),
        last_login=ACTIVE_AT,
        language=theirs,
    )
    EmailAddressFactory(user=user)
    with (
        time_machine.travel(WARN_AT, tick=False),
        translation.override(worker),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command("purge_inactive_candidates", stdout=io.StringIO())
    (warning,) = mail.outbox
    assert f'<html lang="{theirs}">' in html_of(warning)
    for text in (warning.subject, warning.body, html_of(warning)):
        assert date in text


@pytest.mark.parametrize(("theirs", "worker"), [("fr", "en"), ("en", "fr")])
def test_the_erasure_confirmation_is_in_the_candidates_language(
    private_dir, theirs, worker
):
    user = UserFactory(email="gone@example.org", language=theirs)
    with translation.override(worker), TestCase.captureOnCommitCallbacks(execute=True):
        assert erase_candidate(user)
    (confirmation,) = mail.outbox
    assert confirmation.to == ["gone@example.org"]
    assert f'<html lang="{theirs}">' in html_of(confirmation)
