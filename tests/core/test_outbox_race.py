"""Two runs of the same delivery at the same moment (a retry racing the original,
two workers) send the e-mail once, on PostgreSQL: the row stays locked while it is
sent."""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.db import connection

from core.models import OutgoingEmail
from core.outbox import queue_email
from core.tasks import deliver_email

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def test_two_simultaneous_runs_send_once(settings, monkeypatch):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    email = queue_email(
        key="race", to=["jane@example.org"], subject="Hello", body="Hi Jane"
    )
    real_send = mail.get_connection().__class__.send_messages

    def slow_send(self, messages):
        time.sleep(0.5)  # the other run reaches the row meanwhile
        return real_send(self, messages)

    monkeypatch.setattr(LOCMEM_SEND, slow_send)
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(deliver_email.call(email_id=email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1
    assert email.sent_at is not None
