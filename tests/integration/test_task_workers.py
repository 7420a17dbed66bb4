"""Two real ``manage.py db_worker`` processes share one PostgreSQL queue: every
enqueued task runs, and runs once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .conftest import start_worker, wait_for
from .worker_tasks import note_run

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

TASKS = 40


def test_two_workers_run_every_task_exactly_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    runs = tmp_path / "runs.txt"
    runs.touch()
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [start_worker(f"worker-{n}", log) for n, log in enumerate(logs, 1)]
    try:
        wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs),
            timeout=60,
            what="both workers to start",
        )
        with transaction.atomic():
            for number in range(TASKS):
                note_run.enqueue(str(runs), number)
        wait_for(
            lambda: (
                DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count()
                == TASKS
                or any(worker.poll() is not None for worker in workers)
            ),
            timeout=120,
            what="the tasks to run",
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    lines = runs.read_text().split()
    numbers = Counter(int(number) for number in lines[::2])
    assert numbers == Counter(range(TASKS)), "a task ran twice, or never"
    assert len(set(lines[1::2])) == 2, "both workers took tasks"
    results = DBTaskResult.objects.all()
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(result.worker_ids) == 1 for result in results)
    assert {result.worker_ids[0] for result in results} == {"worker-1", "worker-2"}
    assert all(worker.returncode == 0 for worker in workers), [
        log.read_text()[-2000:] for log in logs
    ]
