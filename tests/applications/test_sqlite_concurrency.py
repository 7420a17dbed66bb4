"""The demo's SQLite under concurrent requests (issue 15): a double click on "Send"
and a submission racing "Delete my account" answer cleanly, as on PostgreSQL
(test_concurrency.py, tests/privacy/test_erasure_race.py), never a 500 for
"database is locked".

A real threaded server (``manage.py runserver``, as ``make demo`` runs it) serves a
SQLite file in a temporary ``VAR_DIR``: the test database is in memory and shared by
one connection, where no lock can be contended.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's locking; the PostgreSQL pass has its own race tests",
)

ROOT = Path(settings.BASE_DIR)
PASSWORD = "racer-pass-1234"  # noqa: S105 - a throw-away test account

# Run by ``manage.py shell`` on the server's database: candidates, each with a
# verified address, a CV, a draft application to an open offer and a session.
SETUP = """
import json
from django.conf import settings
from django.test import Client
from applications.factories import ApplicationFactory
from candidates.factories import EmailAddressFactory, UserFactory
from home.factories import make_site_root
from home.models import PortalSettings
from offers.factories import OfferIndexPageFactory, OfferPageFactory

home = make_site_root()
portal = PortalSettings.for_site(home.get_site())
portal.hr_email = "hr@example.com"
portal.save()
index = OfferIndexPageFactory(parent=home)
racers = {}
for name in NAMES:
    user = UserFactory(username=name, first_name="Rapid", last_name="Racer",
                       password=PASSWORD)
    EmailAddressFactory(user=user)
    offer = OfferPageFactory(parent=index)
    draft = ApplicationFactory(candidate=user, offer=offer)
    client = Client()
    client.force_login(user)
    racers[name] = {
        "user": user.pk,
        "offer": offer.pk,
        "slug": offer.slug,
        "cv": draft.cv_id,
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "racers": racers}))
"""

# What is left of a racer, read on the server's database.
STATE = """
import json
from applications.models import Application, StatusChange
from candidates.models import Document, User
from core.models import OutgoingEmail

state = {}
for name, racer in RACERS.items():
    sent = Application.objects.filter(offer_id=racer["offer"]).exclude(status="draft")
    state[name] = {
        "account": User.objects.filter(pk=racer["user"]).exists(),
        "documents": Document.objects.filter(owner_id=racer["user"]).count(),
        "applications": list(
            Application.objects.filter(offer_id=racer["offer"]).values(
                "status", "first_name", "candidate_id", "anonymised_at"
            )
        ),
        "sent": sent.count(),
        "status_changes": StatusChange.objects.filter(
            application__offer_id=racer["offer"]
        ).count(),
        "emails": sorted(
            OutgoingEmail.objects.filter(
                key__startswith=f"application-{sent[0].pk}-"
            ).values_list("key", flat=True)
        )
        if sent
        else [],
    }
print(json.dumps(state, default=str))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``manage.py runserver`` on a SQLite file."""

    url: str
    environ: dict[str, str]
    log: Path

    def manage(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(  # noqa: S603 - fixed command line
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def shell(self, script: str, **values: object) -> dict:
        preamble = "".join(f"{name} = {values[name]!r}\n" for name in values)
        output = self.manage("shell", "--no-imports", "-c", preamble + script)
        return json.loads(output.strip().splitlines()[-1])

    def errors(self) -> str:
        return self.log.read_text()[-4000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("sqlite-var")
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(var_dir)),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "VAR_DIR": str(var_dir),
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    log = var_dir / "runserver.log"
    server = Server(f"http://127.0.0.1:{port}", environ, log)
    server.manage("migrate", "--noinput")
    process = subprocess.Popen(  # noqa: S603 - fixed command line
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environ,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{server.url}/healthz", timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"runserver did not start:\n{server.errors()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        process.wait(10)


def browser(server: Server, cookie: str, racer: dict) -> tuple[requests.Session, str]:
    """A logged-in browser on the racer's draft, and the form's CSRF token."""
    session = requests.Session()
    session.cookies.set(cookie, racer["session"], domain="127.0.0.1")
    response = session.get(f"{server.url}/en/offers/{racer['slug']}/apply/", timeout=30)
    assert response.status_code == 200, server.errors()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return session, token[1]


def at_once(*posts, gap: float = 0.05) -> list[requests.Response]:
    """Runs each ``post`` in its own thread, ``gap`` seconds after the one before."""
    responses: list = [None] * len(posts)
    start = threading.Barrier(len(posts))

    def run(position: int) -> None:
        start.wait()
        time.sleep(position * gap)
        responses[position] = posts[position]()

    threads = [
        threading.Thread(target=run, args=(position,)) for position in range(len(posts))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return responses


def test_the_database_runs_in_wal_mode(server):
    mode = server.shell(
        "import json\nfrom django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    print(json.dumps({'mode': cursor.fetchone()[0]}))\n"
    )
    assert mode == {"mode": "wal"}


def test_double_clicks_and_erasure_races_answer_cleanly(server):
    # A few rounds of each: one race alone does not always collide.
    rounds = range(3)
    doubles = [f"double-{n}" for n in rounds]
    submit_first = [f"submit-then-erase-{n}" for n in rounds]
    erase_first = [f"erase-then-submit-{n}" for n in rounds]
    world = server.shell(
        SETUP, NAMES=doubles + submit_first + erase_first, PASSWORD=PASSWORD
    )
    cookie, racers = world["cookie"], world["racers"]

    def send(name: str, session: requests.Session, token: str):
        racer = racers[name]
        data = {
            "csrfmiddlewaretoken": token,
            "first_name": "Rapid",
            "last_name": "Racer",
            "cv": racer["cv"],
            "submit": "1",
        }
        return lambda: session.post(
            f"{server.url}/en/offers/{racer['slug']}/apply/",
            data,
            allow_redirects=False,
            timeout=60,
        )

    def delete(session: requests.Session, token: str):
        return lambda: session.post(
            f"{server.url}/en/me/parameters/delete/",
            {"csrfmiddlewaretoken": token, "password": PASSWORD},
            allow_redirects=False,
            timeout=60,
        )

    answers: dict[str, tuple[requests.Response, requests.Response]] = {}
    for name in doubles:
        # Two clicks on "Send" 50 ms apart, in one browser.
        session, token = browser(server, cookie, racers[name])
        answers[name] = at_once(send(name, session, token), send(name, session, token))
    for name in submit_first:
        # "Send" in one tab, "Delete my account" confirmed in another 50 ms later.
        session, token = browser(server, cookie, racers[name])
        answers[name] = at_once(send(name, session, token), delete(session, token))
    for name in erase_first:
        session, token = browser(server, cookie, racers[name])
        deleted, sent = at_once(delete(session, token), send(name, session, token))
        answers[name] = (sent, deleted)

    statuses = {name: [r.status_code for r in pair] for name, pair in answers.items()}
    # A text message, shown whole (a tuple's would be cut short).
    assert all(s < 500 for pair in statuses.values() for s in pair), (
        f"{statuses}\n{server.errors()}"
    )
    state = server.shell(STATE, RACERS=racers)
    for name in doubles:
        # Sent, then "already sent": both redirect to the application.
        first, second = answers[name]
        assert statuses[name] == [302, 302]
        assert first.headers["Location"] == second.headers["Location"]
        assert state[name]["account"]
        assert state[name]["sent"] == 1
        assert state[name]["applications"][0]["status"] == "submitted"
        assert state[name]["status_changes"] == 1
        assert [key.rsplit("-", 1)[-1] for key in state[name]["emails"]] == [
            "acknowledgment",
            "notification",
        ]
    for name in submit_first + erase_first:
        # The erasure goes through; the submission is sent (then anonymised with
        # the account), refused (to the list) or, its session deleted under it,
        # answered with Django's 400 for an interrupted session, or the form again
        # with its error summary (its documents erased while it was checked).
        sent, deleted = answers[name]
        assert deleted.status_code == 302
        assert deleted.headers["Location"].endswith("/delete/done/")
        assert sent.status_code in (200, 302, 400)
        if sent.status_code == 200:
            assert 'class="error-summary' in sent.text, sent.text[:2000]
        erased = state[name]
        assert not erased["account"]
        assert erased["documents"] == 0
        for application in erased["applications"]:
            assert application["candidate_id"] is None
            assert application["first_name"] == ""
            assert application["anonymised_at"] is not None
        assert erased["sent"] == len(erased["applications"]) <= 1
        assert erased["emails"] == []
