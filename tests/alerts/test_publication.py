"""Immediate alerts: sent once, at an offer's first publication, to each candidate,
through the outbox."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.test import TestCase
from django.utils import timezone

from alerts import sending
from alerts.choices import Frequency
from alerts.factories import JobAlertFactory
from alerts.models import AlertDelivery
from candidates.factories import UserFactory
from core.models import OutgoingEmail
from core.tasks import deliver_email

from .conftest import run_alert_task

pytestmark = pytest.mark.django_db

# A task backend that can defer tasks, and keeps them without running them.
DUMMY_BACKEND = "django_tasks.backends.dummy.DummyBackend"
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def publish(world, offer, capture):
    with capture(execute=True):
        return world.publish(offer)


def test_first_publication_sends_one_email_per_candidate(
    world, django_capture_on_commit_callbacks
):
    jane = UserFactory(email="jane@example.org", first_name="Jane")
    JobAlertFactory(candidate=jane, keywords="python")
    JobAlertFactory(candidate=jane, locations=[world.places["lyon"]])
    JobAlertFactory(candidate=jane, job_families=[world.families["sales"]])  # no
    bob = JobAlertFactory(keywords="kotlin").candidate  # does not match
    JobAlertFactory(frequency=Frequency.DAILY)  # digests wait for their day

    offer = publish(
        world, world.draft("Python developer"), django_capture_on_commit_callbacks
    )

    assert [message.to for message in mail.outbox] == [["jane@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "New offer: Python developer"
    assert "Hello Jane," in message.body
    assert "Lyon, France" in message.body
    assert "Permanent" in message.body
    assert f"http://testserver{offer.url}" in message.body
    deliveries = AlertDelivery.objects.filter(offer=offer)
    assert deliveries.count() == 1
    assert deliveries.get().candidate == jane
    assert not AlertDelivery.objects.filter(candidate=bob).exists()


def test_an_edit_or_a_second_publication_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    JobAlertFactory(keywords="python")
    offer = publish(world, world.draft("Developer"), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # "python" is not in the offer yet

    offer.title = "Python developer"
    publish(world, offer, django_capture_on_commit_callbacks)
    offer.unpublish()
    publish(world, offer, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_edit_after_sending_sends_nothing_more(
    world, django_capture_on_commit_callbacks
):
    JobAlertFactory(keywords="python")
    offer = publish(
        world, world.draft("Python developer"), django_capture_on_commit_callbacks
    )
    offer.body = [{"type": "paragraph", "value": "<p>Now with Django.</p>"}]
    publish(world, offer, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_the_task_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    JobAlertFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        world.publish(world.draft())
    assert mail.outbox == []
    assert not AlertDelivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "closed",
    [
        {"filled": True},
        {"closing_date": timezone.localdate() - timedelta(days=1)},
    ],
)
def test_closed_offers_are_never_sent(
    world, django_capture_on_commit_callbacks, closed
):
    JobAlertFactory()
    publish(world, world.draft(**closed), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_offer_unpublished_before_the_task_runs_is_not_sent(world):
    JobAlertFactory()
    offer = world.publish(world.draft())
    offer.unpublish()
    assert run_alert_task(offer.pk) == 0
    assert run_alert_task(999_999) == 0
    assert mail.outbox == []


def test_private_offers_are_not_sent(world):
    from wagtail.models import PageViewRestriction

    JobAlertFactory()
    offer = world.publish(world.draft())
    PageViewRestriction.objects.create(page=offer, restriction_type="login")
    assert run_alert_task(offer.pk) == 0


def test_alerts_created_after_the_publication_are_not_sent_it(world):
    offer = world.publish(world.draft())
    JobAlertFactory(created_at=timezone.now() + timedelta(minutes=1))
    assert run_alert_task(offer.pk) == 0


def test_a_retried_task_sends_nothing_twice(world):
    first, second = JobAlertFactory(), JobAlertFactory()
    offer = world.publish(world.draft())
    assert run_alert_task(offer.pk) == 2
    assert run_alert_task(offer.pk) == 0
    third = JobAlertFactory(created_at=first.created_at)
    assert run_alert_task(offer.pk) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        a.candidate.email for a in (first, second, third)
    )


def test_a_run_that_loses_the_race_sends_nothing(world):
    """Two runs matched the same candidate; the second one's insert collides with
    the first one's delivery and no e-mail is queued."""
    JobAlertFactory()
    offer = world.publish(world.draft())
    notices: dict = {}
    sending.collect(notices, offer, sending.JobAlert.objects.all())
    assert run_alert_task(offer.pk) == 1
    mailer = sending.Mailer(Frequency.IMMEDIATE, [offer], batch=f"offer-{offer.pk}")
    assert mailer.queue_all(notices.values()) == []
    assert len(mailer.skipped) == 1
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_email_not_queued_is_not_recorded_and_the_next_run_queues_it(world, caplog):
    jane, bob = JobAlertFactory(), JobAlertFactory()
    offer = world.publish(world.draft())
    real_queue = sending.queue_alert_email

    def flaky(**fields):
        if fields["to"] == jane.candidate.email:
            raise RuntimeError("database gone")
        return real_queue(**fields)

    with (
        mock.patch("alerts.sending.queue_alert_email", flaky),
        pytest.raises(sending.AlertSendingError),
    ):
        run_alert_task(offer.pk)
    assert [m.to for m in mail.outbox] == [[bob.candidate.email]]
    assert not AlertDelivery.objects.filter(candidate=jane.candidate).exists()
    assert "not queued" in caplog.text

    # The cron catch-up queues what the task could not.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_job_alerts", "--frequency", "immediate", stdout=mock.Mock())
    assert [m.to for m in mail.outbox] == [
        [bob.candidate.email],
        [jane.candidate.email],
    ]


def test_a_mail_server_outage_delays_the_email_but_never_doubles_it(
    world, settings, monkeypatch
):
    """The deliveries are recorded with the queued e-mail; the outbox tries it again
    later, and a second run of the alerts in the meantime queues nothing more."""
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    alert = JobAlertFactory()
    offer = world.publish(world.draft())

    def down(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(LOCMEM_SEND, down)
        assert run_alert_task(offer.pk) == 1
        (email,) = OutgoingEmail.objects.all()
        assert deliver_email.call(email_id=email.pk) is False
        assert run_alert_task(offer.pk) == 0
    assert AlertDelivery.objects.filter(candidate=alert.candidate).count() == 1
    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (1, None)
    assert email.next_attempt_at > timezone.now()

    assert deliver_email.call(email_id=email.pk) is True  # the server is back
    assert [m.to for m in mail.outbox] == [[alert.candidate.email]]
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def test_the_deliveries_are_unique(world):
    alert = JobAlertFactory()
    offer = world.publish(world.draft())
    AlertDelivery.objects.create(
        alert=alert, candidate=alert.candidate, offer=offer, frequency="immediate"
    )
    with pytest.raises(IntegrityError):
        AlertDelivery.objects.create(
            alert=None, candidate=alert.candidate, offer=offer, frequency="daily"
        )
