"""The outbox: an e-mail is written in the caller's transaction, queued once per
key, sent once, and tried again on the one retry policy."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends

from core.models import OutgoingEmail
from core.outbox import STALLED_AFTER, queue_email, requeue_stalled_emails
from core.tasks import EMAIL_RETRY_DELAYS, deliver_email

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def queue(key: str = "hello-jane", **fields) -> OutgoingEmail | None:
    return queue_email(
        key=key,
        **{
            "to": ["jane@example.org"],
            "subject": "Hello",
            "body": "Hi Jane",
            **fields,
        },
    )


def fail_with(monkeypatch, error: OSError) -> None:
    """The mail server answers every message with ``error``."""

    def send_messages(self, messages):
        raise error

    monkeypatch.setattr(LOCMEM_SEND, send_messages)


@pytest.fixture
def deferred(settings) -> list:
    """A task backend that can defer tasks and keeps them without running them;
    returns the list of what was queued."""
    settings.TASKS = DUMMY_TASKS
    return task_backends["default"].results


def test_the_email_is_sent_once_the_callers_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            email = queue(
                subject="Hello\n  Jane",
                html="<p>Hi Jane</p>",
                reply_to=["hr@example.com", ""],
                headers={"Auto-Submitted": "auto-generated"},
            )
        assert mail.outbox == []
    assert email.next_attempt_at is not None
    (callback,) = callbacks
    callback()

    (message,) = mail.outbox
    assert message.to == ["jane@example.org"]
    assert message.subject == "Hello Jane"  # one line
    assert message.from_email == "Careers <careers@example.com>"
    assert message.reply_to == ["hr@example.com"]
    assert message.alternatives[0] == ("<p>Hi Jane</p>", "text/html")
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.next_attempt_at is None
    assert email.attempts == 1


def test_a_rolled_back_transaction_takes_its_email_with_it(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the action failed")
    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_a_second_call_with_the_same_key_queues_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = queue(subject="First")
        second = queue(subject="Second")
    assert second.pk == first.pk
    assert OutgoingEmail.objects.get().subject == "First"
    assert len(callbacks) == 1
    assert [message.subject for message in mail.outbox] == ["First"]


def test_an_email_without_recipient_is_not_queued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert queue(to=["", ""]) is None
    assert callbacks == []
    assert not OutgoingEmail.objects.exists()


def test_a_second_run_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = queue()
    assert deliver_email.call(email_id=email.pk) is True
    assert deliver_email.call(email_id=email.pk) is False
    assert deliver_email.call(email_id=999_999) is False  # erased meanwhile
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_an_unreachable_server_schedules_the_next_attempt(
    deferred, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    (first,) = deferred
    assert first.kwargs == {"email_id": email.pk}
    assert first.task.run_after is None

    fail_with(monkeypatch, smtplib.SMTPServerDisconnected("Connection unexpectedly"))
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        assert deliver_email.call(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.attempts == 1
    assert email.sent_at is None
    assert email.failed_at is None
    assert email.last_error.startswith("SMTPServerDisconnected")
    assert email.next_attempt_at == now + timedelta(seconds=EMAIL_RETRY_DELAYS[0])
    retry = deferred[-1]
    assert retry.kwargs == {"email_id": email.pk}
    assert retry.task.run_after == email.next_attempt_at

    with time_machine.travel(now + timedelta(seconds=EMAIL_RETRY_DELAYS[0] + 1)):
        assert deliver_email.call(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.attempts == 2
    assert deferred[-1].task.run_after - deferred[-2].task.run_after >= timedelta(
        seconds=EMAIL_RETRY_DELAYS[1]
    )

    monkeypatch.undo()  # the server is back
    assert deliver_email.call(email_id=email.pk) is True
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert (email.attempts, email.next_attempt_at) == (3, None)
    assert email.sent_at is not None


def test_the_retries_stop_after_the_last_delay(deferred, monkeypatch):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=len(EMAIL_RETRY_DELAYS))
    deferred.clear()
    fail_with(monkeypatch, ConnectionRefusedError(111, "Connection refused"))

    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(email_id=email.pk)
    email.refresh_from_db()
    assert email.attempts == len(EMAIL_RETRY_DELAYS) + 1
    assert email.failed_at is not None
    assert email.next_attempt_at is None
    assert deferred == []
    assert deliver_email.call(email_id=email.pk) is False  # given up for good
    assert sum(EMAIL_RETRY_DELAYS) < 3 * 24 * 3600


def test_a_refusal_for_good_is_not_retried(deferred, monkeypatch):
    email = queue()
    deferred.clear()
    fail_with(
        monkeypatch,
        smtplib.SMTPRecipientsRefused({"jane@example.org": (550, b"No such user")}),
    )

    with pytest.raises(smtplib.SMTPRecipientsRefused):
        deliver_email.call(email_id=email.pk)
    email.refresh_from_db()
    assert email.failed_at is not None
    assert email.attempts == 1
    assert "No such user" in email.last_error
    assert deferred == []


def test_a_message_that_cannot_be_built_is_given_up(deferred):
    email = queue(to=["jane@example.org\nBcc: everyone@example.org"])
    deferred.clear()
    with pytest.raises(ValueError):
        deliver_email.call(email_id=email.pk)
    email.refresh_from_db()
    assert (email.attempts, email.next_attempt_at) == (1, None)
    assert email.failed_at is not None
    assert email.last_error.startswith("BadHeaderError")
    assert deferred == []
    assert mail.outbox == []


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"jane@example.org": (451, b"Greylisted")}),
        smtplib.SMTPDataError(452, b"Mailbox full for now"),
        smtplib.SMTPConnectError(421, b"Too busy"),
    ],
)
def test_a_refusal_for_now_is_retried(deferred, monkeypatch, error):
    email = queue()
    deferred.clear()
    fail_with(monkeypatch, error)
    assert deliver_email.call(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.failed_at is None
    assert len(deferred) == 1


def test_a_backend_that_cannot_defer_gives_up_at_once(settings, monkeypatch):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    email = queue()
    fail_with(monkeypatch, ConnectionRefusedError(111, "Connection refused"))
    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(email_id=email.pk)
    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (1, None)
    assert email.failed_at is not None


def test_stalled_deliveries_are_queued_again(deferred):
    now = timezone.now()
    with time_machine.travel(now - STALLED_AFTER - timedelta(minutes=1)):
        stalled = queue(key="stalled")
        sent = queue(key="sent")
        OutgoingEmail.objects.filter(pk=sent.pk).update(
            sent_at=timezone.now(), next_attempt_at=None
        )
    recent = queue(key="recent")
    deferred.clear()

    with time_machine.travel(now, tick=False):
        assert requeue_stalled_emails() == 1
        assert requeue_stalled_emails() == 0  # left to the new task for a while
    (task,) = deferred
    assert task.kwargs == {"email_id": stalled.pk}
    stalled.refresh_from_db()
    assert stalled.next_attempt_at == now
    queued_at = recent.next_attempt_at
    recent.refresh_from_db()
    assert recent.next_attempt_at == queued_at  # not overdue yet
