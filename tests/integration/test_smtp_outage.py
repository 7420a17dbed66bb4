"""While the mail server is down, the contact form still works; its e-mail waits in
the outbox, its next attempt in the task queue (django-tasks database backend), and
goes out, once, when the server is back."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from core.models import OutgoingEmail
from core.outbox import queue_email
from core.tasks import EMAIL_RETRY_DELAYS

from .conftest import closed_port

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MESSAGE = {
    "your_name": "Jane Doe",
    "your_e_mail_address": "jane@example.org",
    "subject": "Opening hours",
    "your_message": "When can I call HR?",
}


def run_due_tasks() -> int:
    """What one ``manage.py db_worker`` pass does, in this process and transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (task := DBTaskResult.objects.ready().get_locked()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def test_the_contact_form_works_while_smtp_is_down_and_the_mail_goes_later(
    client, demo_site, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_PORT = closed_port()  # the mail server is down

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/contact/", MESSAGE)
    assert response.status_code == 200
    assert "When can I call HR?" not in response.content.decode()  # the thank-you
    assert FormSubmission.objects.count() == 1  # nothing lost

    assert run_due_tasks() == 1
    assert smtp_server.received == []
    email = OutgoingEmail.objects.get(key__startswith="contact-")
    assert (email.attempts, email.sent_at) == (1, None)
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.SUCCESSFUL  # this run is over for good
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"] == {"email_id": email.pk}
    assert retry.run_after == email.next_attempt_at > timezone.now()
    assert run_due_tasks() == 0  # it waits for its time

    settings.EMAIL_PORT = smtp_server.port  # the mail server is back
    later = timezone.now() + timedelta(seconds=EMAIL_RETRY_DELAYS[0] + 1)
    with time_machine.travel(later, tick=False):
        assert run_due_tasks() == 1
        assert run_due_tasks() == 0

    (received,) = smtp_server.received
    assert received.envelope_to == ["hr@example.com"]
    assert received.message["Reply-To"] == "jane@example.org"
    assert "When can I call HR?" in received.text()
    email.refresh_from_db()
    assert received.message["Message-ID"] == email.message_id
    assert (email.attempts, email.next_attempt_at) == (2, None)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }


def queue_hello(capture, to: str) -> OutgoingEmail:
    with capture(execute=True):
        return queue_email(key="hello", to=[to], subject="Hello", body="Hi")


def test_a_refused_recipient_is_not_retried(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such mailbox"

    smtp_server.handler.handle_RCPT = refuse
    email = queue_hello(django_capture_on_commit_callbacks, "nobody@example.org")

    assert run_due_tasks() == 1
    (task,) = DBTaskResult.objects.all()
    assert task.status == TaskResultStatus.FAILED
    assert "SMTPRecipientsRefused" in task.exception_class_path
    email.refresh_from_db()
    assert email.failed_at is not None
    assert "No such mailbox" in email.last_error


def test_the_retries_stop_after_about_two_days(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_PORT = closed_port()
    email = queue_hello(django_capture_on_commit_callbacks, "jane@example.org")

    now = timezone.now()
    for delay in (0, *EMAIL_RETRY_DELAYS):
        now += timedelta(seconds=delay + 1)
        with time_machine.travel(now, tick=False):
            assert run_due_tasks() == 1
    assert sum(EMAIL_RETRY_DELAYS) < 3 * 24 * 3600
    last = DBTaskResult.objects.order_by("enqueued_at").last()
    assert last.status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.count() == len(EMAIL_RETRY_DELAYS) + 1
    email.refresh_from_db()
    assert email.attempts == len(EMAIL_RETRY_DELAYS) + 1
    assert email.failed_at is not None


def test_with_the_in_process_backend_the_form_still_works(
    client, demo_site, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/contact/", MESSAGE)

    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1
    # That backend cannot wait before a new attempt: the e-mail is given up, kept in
    # the outbox with its error.
    email = OutgoingEmail.objects.get(key__startswith="contact-")
    assert (email.attempts, email.sent_at) == (1, None)
    assert email.failed_at is not None
