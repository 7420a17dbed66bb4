"""A task for the worker tests: it notes every run of itself in a file."""

import os
import time

from django_tasks import task


@task()
def note_run(path: str, number: int) -> int:
    """Appends "<number> <worker pid>" to ``path``; slow enough for workers to share."""
    time.sleep(0.05)
    with open(path, "a") as runs:
        runs.write(f"{number} {os.getpid()}\n")
    return number
