"""manage.py purge_inactive_candidates over a frozen clock: a candidate inactive
for the retention period minus 30 days is warned once, erased 30 days later if
still inactive; a log-in (or new activity) in between keeps the account."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone

from applications.choices import Status
from applications.factories import ApplicationFactory, StageFactory
from applications.models import Application
from applications.services import move_to_stage
from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import User
from core.models import OutgoingEmail
from privacy.retention import months_before, purge_inactive_candidates

from .privacy_world import PASSWORD, make_staff, private_dir

__all__ = ["private_dir"]

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# The last activity of the inactive candidates of these tests.
ACTIVE_AT = datetime.datetime(2023, 3, 31, 10, 0, tzinfo=UTC)
# 24 months later, minus 30 days, plus an hour: the warning is due.
WARN_AT = datetime.datetime(2025, 3, 1, 11, 0, tzinfo=UTC)


def at(moment: datetime.datetime, **delta: float):
    return time_machine.travel(moment + datetime.timedelta(**delta), tick=False)


def purge(**options) -> str:
    """Runs the command; its e-mails go (and files are deleted) as its
    transactions commit."""
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("purge_inactive_candidates", stdout=out, **options)
    return out.getvalue()


def inactive(username: str = "sleepy", **fields) -> User:
    user = UserFactory(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        date_joined=ACTIVE_AT - datetime.timedelta(days=100),
        last_login=ACTIVE_AT,
        **fields,
    )
    EmailAddressFactory(user=user)
    return user


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ("2025-03-31", 1, "2025-02-28"),
        ("2024-03-31", 1, "2024-02-29"),
        ("2025-01-15", 24, "2023-01-15"),
        ("2025-01-31", 13, "2023-12-31"),
        ("2025-12-01", 12, "2024-12-01"),
    ],
)
def test_months_before(moment, months, expected):
    start = datetime.datetime.fromisoformat(moment).replace(hour=9, tzinfo=UTC)
    assert months_before(start, months).date().isoformat() == expected
    assert months_before(start, months).hour == 9


def test_warned_30_days_ahead_then_erased_once(private_dir):
    user = inactive()
    with at(WARN_AT, days=-1):
        assert "Warned 0, erased 0" in purge()
    assert mail.outbox == []

    with at(WARN_AT, hours=1):
        output = purge()
        assert "Warned 1, erased 0" in output
        (warning,) = mails_to("sleepy@example.org")
        assert "March 31, 2025" in warning.subject
        assert "Log in to keep your account" in warning.body
        assert "/en/account/login/" in warning.body
        user.refresh_from_db()
        assert user.inactivity_warned_at == WARN_AT + datetime.timedelta(hours=1)
        # Idempotent: the same day again sends nothing more.
        assert "Warned 0, erased 0" in purge()
    with at(WARN_AT, hours=20):
        assert "Warned 0, erased 0" in purge()
    assert len(mails_to("sleepy@example.org")) == 1

    with at(WARN_AT, days=29):
        assert "erased 0" in purge()
    assert User.objects.filter(pk=user.pk).exists()

    with at(WARN_AT, days=30, hours=2):
        assert "Warned 0, erased 1" in purge()
    assert not User.objects.filter(pk=user.pk).exists()
    confirmation = mails_to("sleepy@example.org")[-1]
    assert "deleted" in confirmation.subject
    assert "was not used for 24 months" in confirmation.body
    assert len(mails_to("sleepy@example.org")) == 2

    with at(WARN_AT, days=31):
        output = purge()
    assert "Warned 0, erased 0" in output
    # The sent confirmation's row, which held the address, is forgotten.
    assert "forgot 1 sent erasure confirmation" in output
    assert not OutgoingEmail.objects.filter(to__icontains="sleepy@").exists()
    assert len(mails_to("sleepy@example.org")) == 2


def test_a_log_in_between_keeps_the_account(private_dir):
    user = inactive()
    with at(WARN_AT):
        purge()
    user.refresh_from_db()
    assert user.inactivity_warned_at is not None

    with at(WARN_AT, days=10):
        response = Client().post(
            "/en/account/login/", {"login": "sleepy", "password": PASSWORD}
        )
        assert response.status_code == 302
    user.refresh_from_db()
    assert user.inactivity_warned_at is None

    with at(WARN_AT, days=30, hours=1):
        assert "Warned 0, erased 0" in purge()
    with at(WARN_AT, days=400):
        assert "Warned 0, erased 0" in purge()
    assert User.objects.filter(pk=user.pk).exists()
    assert len(mails_to("sleepy@example.org")) == 1
    # Two years after that log-in, the cycle starts again.
    with at(WARN_AT, days=10 + 720):
        assert "Warned 1" in purge()


def test_applications_count_as_activity(private_dir):
    recent = inactive("applicant")
    with at(WARN_AT, days=-60):
        ApplicationFactory(candidate=recent, status=Status.SUBMITTED)
    sleepy = inactive()
    with at(WARN_AT, hours=1):
        assert "Warned 1" in purge()
    assert mails_to("applicant@example.org") == []
    assert mails_to("sleepy@example.org")

    # HR moving an application after the warning clears it: not erased.
    hr, _editor = make_staff()
    with at(WARN_AT, days=-300):
        application = ApplicationFactory(candidate=sleepy, status=Status.SUBMITTED)
    with at(WARN_AT, days=5):
        move_to_stage(
            application,
            StageFactory(public_status=Status.IN_REVIEW),
            hr,
            notify=False,
        )
    with at(WARN_AT, days=30, hours=2):
        output = purge()
    assert "erased 0" in output and "cleared 1" in output
    sleepy.refresh_from_db()
    assert sleepy.inactivity_warned_at is None
    assert Application.objects.filter(candidate=sleepy).exists()


def test_staff_are_never_warned_nor_erased(private_dir):
    hr, editor = make_staff()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    staff = UserFactory(username="staffer", is_staff=True)
    User.objects.filter(pk__in=[hr.pk, editor.pk, admin.pk, staff.pk]).update(
        last_login=ACTIVE_AT, date_joined=ACTIVE_AT
    )
    with at(WARN_AT, days=400):
        assert "Warned 0, erased 0" in purge()
    assert User.objects.filter(inactivity_warned_at__isnull=False).count() == 0
    assert mail.outbox == []


def test_a_dry_run_changes_and_sends_nothing(private_dir):
    user = inactive()
    with at(WARN_AT):
        output = purge(dry_run=True)
    assert "Dry run: would have warned 1, erased 0" in output
    user.refresh_from_db()
    assert user.inactivity_warned_at is None
    assert mail.outbox == []
    with at(WARN_AT):
        purge()
    with at(WARN_AT, days=31):
        assert "would have warned 0, erased 1" in purge(dry_run=True)
    assert User.objects.filter(pk=user.pk).exists()


def test_the_retention_setting_is_read(private_dir, settings):
    settings.CANDIDATE_RETENTION_MONTHS = 36
    inactive()
    with at(WARN_AT, days=30):
        result = purge_inactive_candidates(now=timezone.now())
    assert result.warned == []
    with at(WARN_AT, days=366):
        result = purge_inactive_candidates(now=timezone.now())
    assert len(result.warned) == 1
