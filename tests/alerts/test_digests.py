"""Daily and weekly digests over a frozen clock: `manage.py send_job_alerts`."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from alerts.choices import Frequency
from alerts.factories import JobAlertFactory
from alerts.models import AlertDelivery
from candidates.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=PARIS)


def at(day: int, hour: int = 8, minute: int = 0) -> datetime:
    """A moment of the week starting on ``MONDAY`` (day 0)."""
    return MONDAY + timedelta(days=day, hours=hour - 8, minutes=minute)


def run(frequency: str) -> str:
    """The cron command; the e-mails it queues are sent as its transactions commit."""
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_job_alerts", "--frequency", frequency, stdout=out)
    return out.getvalue()


def outbox_titles() -> list[list[str]]:
    """For each e-mail, the offer titles of its text in order."""
    return [
        [line for line in message.body.splitlines() if line.startswith("Offer ")]
        for message in mail.outbox
    ]


def test_daily_digest_sends_new_matching_offers_once(world):
    with time_machine.travel(at(0, 7), tick=False):
        jane = UserFactory(email="jane@example.org")
        JobAlertFactory(candidate=jane, frequency=Frequency.DAILY, keywords="python")
        JobAlertFactory(candidate=jane, frequency=Frequency.DAILY, keywords="sales")
        JobAlertFactory(frequency=Frequency.WEEKLY)  # another candidate, weekly
    with time_machine.travel(at(0, 10), tick=False):
        world.publish(world.draft("Offer A python"))
        world.publish(world.draft("Offer B sales"))
        world.publish(world.draft("Offer C java"))
    with time_machine.travel(at(0, 12), tick=False):
        closed = world.publish(world.draft("Offer D python"))
        closed.filled = True
        closed.save_revision().publish()

    with time_machine.travel(at(1), tick=False):
        assert "1 job alert e-mails queued (daily)" in run("daily")
    assert [m.to for m in mail.outbox] == [["jane@example.org"]]
    assert mail.outbox[0].subject == "2 new offers for your job alerts"
    # Newest first; the filled offer is left out.
    assert outbox_titles() == [["Offer B sales", "Offer A python"]]
    assert AlertDelivery.objects.filter(frequency="daily").count() == 2

    # Again the same day, or later in the day: nothing new, or not due yet.
    with time_machine.travel(at(1, 8, 5), tick=False):
        run("daily")
    with time_machine.travel(at(1, 11), tick=False):
        world.publish(world.draft("Offer E python"))
    with time_machine.travel(at(1, 15), tick=False):
        run("daily")
    assert len(mail.outbox) == 1

    # The next morning (a cron run a few minutes early), only the new offer.
    with time_machine.travel(at(2, 7, 55), tick=False):
        run("daily")
    assert outbox_titles()[1:] == [["Offer E python"]]
    assert mail.outbox[1].subject == "1 new offer for your job alerts"


def test_weekly_digest(world):
    with time_machine.travel(at(0, 7), tick=False):
        alert = JobAlertFactory(frequency=Frequency.WEEKLY)
    with time_machine.travel(at(2), tick=False):
        world.publish(world.draft("Offer A"))
    with time_machine.travel(at(3), tick=False):
        run("daily")  # not a daily alert
    assert mail.outbox == []
    with time_machine.travel(at(7), tick=False):
        run("weekly")
        run("weekly")
    with time_machine.travel(at(9), tick=False):
        world.publish(world.draft("Offer B"))
    with time_machine.travel(at(10), tick=False):
        run("weekly")  # three days after the last one: not due
    with time_machine.travel(at(14), tick=False):
        run("weekly")
    assert outbox_titles() == [["Offer A"], ["Offer B"]]
    assert [m.to for m in mail.outbox] == [[alert.candidate.email]] * 2


def test_offers_published_before_the_alert_are_not_in_its_first_digest(world):
    with time_machine.travel(at(0, 9), tick=False):
        world.publish(world.draft("Offer old"))
    with time_machine.travel(at(0, 10), tick=False):
        JobAlertFactory(frequency=Frequency.DAILY)
    with time_machine.travel(at(0, 11), tick=False):
        world.publish(world.draft("Offer new"))
    with time_machine.travel(at(1), tick=False):
        run("daily")
    assert outbox_titles() == [["Offer new"]]


def test_an_offer_already_sent_immediately_is_not_in_the_digest(
    world, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(0, 7), tick=False):
        jane = UserFactory()
        JobAlertFactory(candidate=jane, frequency=Frequency.IMMEDIATE)
        JobAlertFactory(candidate=jane, frequency=Frequency.DAILY)
    with (
        time_machine.travel(at(0, 10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        world.publish(world.draft("Offer A"))
    assert len(mail.outbox) == 1
    with time_machine.travel(at(1), tick=False):
        run("daily")
    assert len(mail.outbox) == 1


def test_stopped_alerts_get_no_digest_and_restart_from_now(world, client):
    with time_machine.travel(at(0, 7), tick=False):
        alert = JobAlertFactory(frequency=Frequency.DAILY, active=False)
    with time_machine.travel(at(0, 10), tick=False):
        world.publish(world.draft("Offer while stopped"))
    with time_machine.travel(at(1), tick=False):
        run("daily")
    assert mail.outbox == []
    with time_machine.travel(at(1, 9), tick=False):
        client.force_login(alert.candidate)
        client.post(alert.get_absolute_url(), {"active": "on", "frequency": "daily"})
        alert.refresh_from_db()
        assert alert.active
    with time_machine.travel(at(1, 10), tick=False):
        world.publish(world.draft("Offer after"))
    with time_machine.travel(at(2, 9), tick=False):
        run("daily")
    assert outbox_titles() == [["Offer after"]]


def test_a_digest_not_queued_is_queued_by_the_next_run(world, monkeypatch):
    with time_machine.travel(at(0, 7), tick=False):
        JobAlertFactory(frequency=Frequency.DAILY)
    with time_machine.travel(at(0, 10), tick=False):
        world.publish(world.draft("Offer A"))

    def broken(**fields):
        raise RuntimeError("database gone")

    with time_machine.travel(at(1), tick=False):
        with monkeypatch.context() as patch:
            patch.setattr("alerts.sending.queue_alert_email", broken)
            with pytest.raises(CommandError, match="could not be queued"):
                run("daily")
        assert not AlertDelivery.objects.exists()
        run("daily")
    assert outbox_titles() == [["Offer A"]]


def test_the_command_needs_a_frequency(db):
    with pytest.raises(CommandError):
        call_command("send_job_alerts", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("send_job_alerts", "--frequency", "hourly", stdout=io.StringIO())
