"""Job alerts on the production stack: two real ``manage.py db_worker`` processes
run two copies of the same alert task at once (a retry racing the original), then
the outbox's deliveries; every candidate gets exactly one e-mail through a real SMTP
server."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alerts.factories import JobAlertFactory
from alerts.models import AlertDelivery
from alerts.tasks import send_new_offer_alerts
from candidates.factories import UserFactory
from core.models import OutgoingEmail
from core.tasks import deliver_email
from tests.alerts.world import build_world

from .conftest import start_worker, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

# Enough for each alert run to last about a second: the two runs overlap.
CANDIDATES = 120
SMTP_DELAY = 0.02  # seconds per message: the deliveries last a few seconds


def slow_down(smtp_server) -> None:
    """Makes the SMTP server take ``SMTP_DELAY`` per message."""
    handle = smtp_server.handler.handle_DATA

    async def slow_handle(server, session, envelope):
        await asyncio.sleep(SMTP_DELAY)
        return await handle(server, session, envelope)

    smtp_server.handler.handle_DATA = slow_handle


def alert_tasks():
    return DBTaskResult.objects.filter(task_path=send_new_offer_alerts.module_path)


def delivery_tasks():
    return DBTaskResult.objects.filter(task_path=deliver_email.module_path)


def test_two_workers_send_each_alert_once(settings, smtp_server, tmp_path):
    slow_down(smtp_server)
    world = build_world()
    for number in range(CANDIDATES):
        candidate = UserFactory(email=f"candidate{number}@example.org")
        JobAlertFactory(candidate=candidate, keywords="python")
        JobAlertFactory(candidate=candidate, locations=[world.places["lyon"]])
    JobAlertFactory(keywords="kotlin")  # matches nothing
    draft = world.draft("Python developer")

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [
        start_worker(
            f"worker-{n}",
            log,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_server.port),
            BASE_URL="https://careers.example.com",
        )
        for n, log in enumerate(logs, 1)
    ]
    try:
        wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs),
            timeout=60,
            what="both workers to start",
        )
        # The first publication queues the task (beside Wagtail's own); a retry
        # queues it again.
        offer = world.publish(draft)
        send_new_offer_alerts.enqueue(offer_id=offer.pk)
        assert alert_tasks().count() == 2
        wait_for(
            lambda: (
                alert_tasks().filter(finished_at__isnull=False).count() == 2
                or any(worker.poll() is not None for worker in workers)
            ),
            timeout=180,
            what="the two alert tasks to run",
        )
        wait_for(
            lambda: (
                delivery_tasks().filter(finished_at__isnull=True).count() == 0
                or any(worker.poll() is not None for worker in workers)
            ),
            timeout=180,
            what="the e-mails to be sent",
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    outputs = [log.read_text()[-3000:] for log in logs]
    results = list(alert_tasks().order_by("started_at"))
    assert [result.status for result in results] == [TaskResultStatus.SUCCESSFUL] * 2, (
        outputs
    )
    assert {result.worker_ids[0] for result in results} == {"worker-1", "worker-2"}
    first, second = results
    assert second.started_at < first.finished_at, "the two runs overlapped"

    recipients = Counter(mail.envelope_to[0] for mail in smtp_server.received)
    assert len(recipients) == CANDIDATES
    assert set(recipients.values()) == {1}, "a candidate got two e-mails"
    assert sum(result.return_value for result in results) == CANDIDATES
    assert AlertDelivery.objects.filter(offer=offer).count() == CANDIDATES
    assert OutgoingEmail.objects.filter(sent_at__isnull=False).count() == CANDIDATES
    assert {task.status for task in delivery_tasks()} == {TaskResultStatus.SUCCESSFUL}
    message = smtp_server.received[0].message
    assert message["Subject"] == "New offer: Python developer"
    assert "https://careers.example.com/en/offers/python-developer/" in (
        smtp_server.received[0].text()
    )
    assert all(worker.returncode == 0 for worker in workers), outputs
