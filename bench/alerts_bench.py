"""`make bench-alerts`: job alert matching and sending at scale.

On a throw-away PostgreSQL (``scripts/postgres.sh``), seeds the demo site and
``--alerts`` active alerts (100 000) of as many candidates, ``--matching`` (1 000)
of which an offer will match; then publishes that offer the way the admin does and
reports:

- the matching query alone (cold, then the median of five runs) and its plan;
- the time from the publication to the last alert e-mail accepted by an SMTP sink
  (aiosmtpd on loopback), tasks run in-process as in the demo.

Never part of ``make test``. Options: ``--alerts``, ``--matching``, ``--port``
(PostgreSQL, 54336).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Zephyr platform engineer"


class Sink:
    """Counts the messages an aiosmtpd server on loopback accepts."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.count = 0
        self.last_at = 0.0
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd
        self.count += 1
        self.last_at = time.perf_counter()
        return "250 Message accepted for delivery"

    def start(self) -> int:
        self.controller.start()
        return self.port

    def stop(self) -> None:
        self.controller.stop()


def start_postgres(directory: str, port: int) -> str:
    """Starts PostgreSQL on ``port``, or on one of the next ports while that one is
    taken (a loopback port can linger in TIME-WAIT); returns its URL."""
    script = str(ROOT / "scripts" / "postgres.sh")
    for candidate in range(port, port + 10):
        started = subprocess.run(  # noqa: S603 - fixed command line
            [script, "start", directory, str(candidate)],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode == 0:
            break
        subprocess.run([script, "stop", directory], capture_output=True)  # noqa: S603
    else:
        raise SystemExit(f"PostgreSQL did not start:\n{started.stderr}")
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "psql",
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            str(candidate),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            "CREATE DATABASE careers",
        ],
        check=True,
    )
    return started.stdout.strip()


def seed(alert_count: int, matching: int, rng: random.Random):
    """The demo site, a draft offer and the alerts; returns the draft."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from wagtail.models import Locale

    from alerts.matching import offer_words as words_of
    from alerts.models import AlertKeyword, JobAlert
    from candidates.models import User
    from offers.factories import OfferPageFactory, offer_body
    from offers.models import JobFamily, Location, OfferIndexPage

    call_command("load_demo_data", stdout=io.StringIO())
    # The default language's listing, families and places (the demo has a
    # French translation of each).
    default = Locale.get_default()
    families = {f.name: f for f in JobFamily.objects.filter(locale=default)}
    places = {place.city: place for place in Location.objects.filter(locale=default)}
    eng, lyon = families["Engineering"], places["Lyon"]
    draft = OfferPageFactory(
        parent=OfferIndexPage.objects.get(locale=default),
        title=TITLE,
        job_family=eng,
        locations=[lyon],
        contract_type="permanent",
        remote_policy="hybrid",
        body=offer_body(TITLE),
        live=False,
        first_published_at=None,
        last_published_at=None,
    )
    # Words of the offer's title and description (an alert's words must be
    # among the offer's, folded, exactly: "project" would miss "projects").
    offer_words = ["zephyr", "platform", "engineer", "team", "interview"]
    missing = set(offer_words) - set(words_of(draft))
    if missing:
        raise SystemExit(f"The bench's offer lacks the words {sorted(missing)}")
    other_words = [f"skill{number}" for number in range(400)]
    contracts = ["permanent", "fixed_term", "internship", "temporary", "freelance"]
    other_families = [f for name, f in families.items() if name != "Engineering"]
    other_places = [p for city, p in places.items() if city != "Lyon"]

    password = make_password(None)  # unusable
    started = time.perf_counter()
    with transaction.atomic():
        users = User.objects.bulk_create(
            (
                User(
                    username=f"bench{number}",
                    email=f"bench{number}@example.org",
                    password=password,
                )
                for number in range(alert_count)
            ),
            batch_size=5000,
        )
        alerts, keyword_rows, family_rows, place_rows = [], [], [], []
        for number, user in enumerate(users):
            # Each criterion is given at random; a matching alert holds the offer's
            # value in every criterion it gives, any other fails exactly one.
            given = {
                name: rng.random() < chance
                for name, chance in (
                    ("keywords", 0.4),
                    ("family", 0.6),
                    ("place", 0.6),
                    ("contract", 0.3),
                    ("remote", 0.2),
                )
            }
            failing = None if number < matching else rng.choice(list(given))
            if failing:
                given[failing] = True

            def values(name, offer_value, others, most=2, given=given, failing=failing):
                """The alert's values for one criterion, holding the offer's
                value unless this criterion fails."""
                if not given[name]:
                    return []
                chosen = rng.sample(others, rng.randint(0, most))
                if name == failing:
                    return chosen or [rng.choice(others)]
                return [*chosen, offer_value]

            words = set(values("keywords", rng.choice(offer_words), other_words, 1))
            if failing != "keywords":
                words &= set(offer_words)
            alert = JobAlert(
                candidate=user,
                keywords=" ".join(sorted(words)),
                contract_types=values("contract", "permanent", contracts[1:]),
                remote_policies=values("remote", "hybrid", ["on_site", "full_remote"]),
                frequency="immediate",
            )
            alert._bench = (
                words,
                values("family", eng, other_families),
                values("place", lyon, other_places),
            )
            alerts.append(alert)
        JobAlert.objects.bulk_create(alerts, batch_size=5000)
        families_through = JobAlert.job_families.through
        places_through = JobAlert.locations.through
        for alert in alerts:
            words, families_of, places_of = alert._bench
            keyword_rows += [AlertKeyword(alert=alert, word=word) for word in words]
            family_rows += [
                families_through(jobalert_id=alert.pk, jobfamily_id=family.pk)
                for family in families_of
            ]
            place_rows += [
                places_through(jobalert_id=alert.pk, location_id=place.pk)
                for place in places_of
            ]
        AlertKeyword.objects.bulk_create(keyword_rows, batch_size=10000)
        families_through.objects.bulk_create(family_rows, batch_size=10000)
        places_through.objects.bulk_create(place_rows, batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"   {len(alerts)} alerts, {len(keyword_rows)} keywords, "
        f"{len(family_rows)} families, {len(place_rows)} places "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return draft


def measure_matching(offer_id: int) -> tuple[int, float, float, str]:
    """(matches, cold seconds, median seconds, plan) of the matching query as the
    task runs it, on the published offer."""
    from django.db import connection, reset_queries

    from alerts.choices import Frequency
    from alerts.matching import matching_alerts
    from alerts.models import JobAlert
    from alerts.sending import open_offers

    offer = open_offers().get(pk=offer_id)
    alerts = JobAlert.objects.filter(
        frequency=Frequency.IMMEDIATE, created_at__lte=offer.first_published_at
    )
    query = matching_alerts(offer, alerts).values_list("pk", "candidate_id")
    timings = []
    for _run in range(6):
        reset_queries()
        started = time.perf_counter()
        rows = list(query.all())
        timings.append(time.perf_counter() - started)
    with connection.cursor() as cursor:
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return len(rows), timings[0], statistics.median(timings[1:]), plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--matching", type=int, default=1_000)
    parser.add_argument("--port", type=int, default=54336)
    parser.add_argument("--plan", action="store_true", help="print the query plan")
    args = parser.parse_args()

    sink = Sink()
    smtp_port = sink.start()
    pg_dir = tempfile.mkdtemp(prefix="careers-bench-alerts-pg.")
    work = tempfile.mkdtemp(prefix="careers-bench-alerts.")
    try:
        database_url = start_postgres(pg_dir, args.port)
        print(f"== PostgreSQL at {database_url}, SMTP sink on :{smtp_port}")
        os.environ.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="bench.settings",
            VAR_DIR=f"{work}/var",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )
        sys.path.insert(0, str(ROOT))
        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(f"== Seeding {args.alerts} alerts ({args.matching} to match)")
        draft = seed(args.alerts, args.matching, random.Random(2026))  # noqa: S311

        print("== Publishing the offer (tasks in-process)")
        connection.close()  # a fresh connection, as a web process has
        sink.count = 0  # the demo data sent e-mails of its own
        started = time.perf_counter()
        draft.save_revision().publish()
        published = time.perf_counter()
        elapsed = (sink.last_at or published) - started
        print(f"   {sink.count} e-mails accepted by the SMTP sink")
        print(f"   publication to last e-mail: {elapsed:.2f} s")

        from alerts.models import AlertDelivery, JobAlert

        # The offer's deliveries exist now: the query leaves those candidates out;
        # measure it as the task saw it.
        AlertDelivery.objects.all().delete()
        matches, cold, median, plan = measure_matching(draft.pk)
        print(
            f"== Matching query alone: {matches} alerts of {JobAlert.objects.count()}"
        )
        print(f"   first run {cold * 1000:.0f} ms, median of 5 {median * 1000:.0f} ms")
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        _matches, _cold, no_jit, _plan = measure_matching(draft.pk)
        print(f"   median of 5 with PostgreSQL's JIT off: {no_jit * 1000:.0f} ms")
        if args.plan:
            print(plan)
        else:
            print("   " + plan.splitlines()[-1])
        if sink.count != args.matching or matches != args.matching:
            print("!! expected as many e-mails and matches as matching alerts")
            sys.exit(1)
        print(
            f"== Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        sink.stop()
        subprocess.run(  # noqa: S603
            [str(ROOT / "scripts" / "postgres.sh"), "stop", pg_dir], check=False
        )
        subprocess.run(["rm", "-rf", work], check=False)  # noqa: S603, S607


if __name__ == "__main__":
    main()
