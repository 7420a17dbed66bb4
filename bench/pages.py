"""Measures the public pages of the seeded site, served by gunicorn, three ways in
one run, alternating, so that the machine's drift touches all three alike:

- cached: an anonymous visitor (no cookie), after one warm-up request;
- uncached: the same address with the session cookie of a logged-in candidate,
  which the page cache lets through;
- hello: a hello-world Django view on the same server (``bench/urls.py``): what it
  answers when the view does nothing, the yardstick of the other two.

Also counts each page's database queries in-process (the logged-in candidate,
Django's test client, the same database) and times the uncached pages one request
at a time. Pages made afresh take the parts every visitor sees alike from the
fragment cache, as a logged-in candidate's do (README, "Architecture"); each page
is also timed with nothing kept (the generation increased before each request,
as a publication does), and its queries counted both ways. Run by
``bench/run.sh`` as ``python -m bench.pages --base-url URL`` with
``DJANGO_SETTINGS_MODULE=bench.settings``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import django

if TYPE_CHECKING:
    from django.test import Client

HELLO_PATH = "/bench/hello"
# All the hello-world requests of a drain answered within this: the workers idle.
IDLE_SECONDS = 0.15
# What home/page_cache.py says it did with a request.
CACHE_HEADER = "X-Page-Cache"
# One family and one contract type, by the values of the listing's filters.
FILTER_QUERY = "family=engineering&contract=permanent"
# The seed puts "zephyr" in one offer in a thousand, "team" in every offer.
SEARCHES = ("search, rare word", "search, common word")
# The aims of docs/benchmarks.md.
CACHED_SHARE_OF_HELLO = 0.50
UNCACHED_SHARE_OF_HELLO = {"listing": 0.02, "offer page": 0.03}
SEARCH_MEDIAN_MS = 50.0


@dataclass
class Figures:
    """What one page measured, as written to BENCH_JSON."""

    page: str
    path: str
    cached_rps: float = 0.0
    uncached_rps: float = 0.0
    hello_rps: float = 0.0
    queries: int = 0
    queries_nothing_kept: int = 0  # the same page just after a publication
    cached_median_ms: float = 0.0  # under load (BENCH_CONNECTIONS)
    uncached_median_ms: float = 0.0  # one request at a time
    nothing_kept_median_ms: float = 0.0  # one at a time, after a publication each
    errors: int = 0  # non-2xx answers and socket errors, all runs
    cache_header: str = ""  # X-Page-Cache anonymous/logged in, e.g. hit/bypass
    size: int = 0  # bytes of the anonymous page
    rounds_rps: dict[str, list[float]] = field(default_factory=dict)

    @property
    def cached_share(self) -> float:
        """Cached requests/s as a share of hello world's."""
        return self.cached_rps / self.hello_rps if self.hello_rps else math.nan

    @property
    def uncached_share(self) -> float:
        return self.uncached_rps / self.hello_rps if self.hello_rps else math.nan


@dataclass
class Run:
    """One wrk run."""

    rps: float
    median_ms: float
    errors: int


def wrk(url: str, seconds: int, connections: int, cookie: str = "") -> Run:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - fixed command line
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    median = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\b", output, re.M)
    if not rps or not median:
        raise RuntimeError(f"Unexpected output of wrk for {url}:\n{output}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    # wrk counts answers of 400 and more as "Non-2xx or 3xx responses".
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)$", output, re.M)
    errors = int(failed.group(1)) if failed else 0
    errors += sum(map(int, re.findall(r"\d+", sockets.group(1)))) if sockets else 0
    return Run(float(rps.group(1)), float(median.group(1)) * scale, errors)


def fetch(url: str, cookie: str = "") -> tuple[int, str, int]:
    """The status of a GET of ``url`` (redirects not followed), what the page
    cache says it did (its X-Page-Cache header: hit, miss or bypass) and the size
    of the body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader(CACHE_HEADER, ""), len(body)
    finally:
        connection.close()


def drain(base: str, connections: int) -> None:
    """Waits until the workers are idle: a worker finishes the requests of a run
    that ended (wrk hung up on them) before it answers the next run's. Idle when
    ``connections`` hello-world requests at once are all answered quickly."""
    deadline = time.monotonic() + 120
    with ThreadPoolExecutor(connections) as pool:
        while time.monotonic() < deadline:
            started = time.monotonic()
            list(pool.map(lambda _n: fetch(base + HELLO_PATH), range(connections)))
            if time.monotonic() - started < IDLE_SECONDS:
                return


def pages_to_measure() -> list[tuple[str, str]]:
    from offers.models import OfferIndexPage, OfferPage

    offers = OfferPage.objects.live().order_by("-first_published_at", "pk")
    offer_path = offers[offers.count() // 2].url  # the median offer
    listing = OfferIndexPage.objects.live().order_by("path").first().url
    home = listing.rstrip("/").rsplit("/", 1)[0] + "/"  # the language's home
    return [
        ("home", home),
        ("listing", listing),
        ("filtered listing", f"{listing}?{FILTER_QUERY}"),
        ("search, rare word", f"{listing}?q=zephyr"),
        ("search, common word", f"{listing}?q=team"),
        ("offer page", offer_path),
        ("feed", f"{listing}feed/"),
    ]


def space_path() -> str:
    """The address of the candidate's space in the default language ("/en/me/"):
    it answers 200 only to a logged-in candidate."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return reverse("candidates:space")


def log_in() -> tuple[Client, str]:
    """An in-process client logged in as the seeded candidate, and the cookie of
    its session (a real one, in the database and the cache) for gunicorn."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.seed import CANDIDATE_USERNAME

    client = Client()
    client.force_login(get_user_model().objects.get(username=CANDIDATE_USERNAME))
    name = settings.SESSION_COOKIE_NAME
    return client, f"{name}={client.cookies[name].value}"


def count_queries(client: Client, path: str, nothing_kept: bool = False) -> int:
    """The queries of a request of ``path`` by the logged-in ``client``, once the
    process has served it a first time (as a warm gunicorn worker has); with
    ``nothing_kept``, just after the generation increased (a publication)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.page_cache import bump_generation

    client.get(path)
    if nothing_kept:
        bump_generation()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"In-process GET {path} answered {response.status_code}")
    return len(queries)


def time_nothing_kept(url: str, cookie: str, requests: int) -> float:
    """The median time of ``url`` for the logged-in visitor, each request made
    just after the generation increased: the page made whole, nothing kept."""
    from home.page_cache import bump_generation

    times = []
    for _ in range(requests):
        bump_generation()
        started = time.perf_counter()
        status, _done, _size = fetch(url, cookie)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"GET {url} (nothing kept) answered {status}")
    return statistics.median(times)


def check_cache(figures: Figures, url: str, cookie: str) -> None:
    """The page cache answers the anonymous visitor and lets the logged-in one
    through, as far as its header tells (a version without it: not checked)."""
    _status, anonymous, figures.size = fetch(url)
    _status, logged_in, _size = fetch(url, cookie)
    figures.cache_header = f"{anonymous or '-'}/{logged_in or '-'}"
    if anonymous and anonymous != "hit":
        print(
            f"   {figures.page}: not from the page cache ({CACHE_HEADER}: {anonymous})"
        )
    if logged_in and logged_in != "bypass":
        raise SystemExit(f"{figures.path} logged in: {CACHE_HEADER}: {logged_in}")


def median_of(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--duration", type=int, default=4, help="s per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--latency-duration", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--nothing-kept-requests",
        type=int,
        default=15,
        help="requests timed one by one after a publication each",
    )
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        help="only this page (by its name; may be repeated; default: every page)",
    )
    args = parser.parse_args()
    django.setup()

    from django.db import connection

    base = args.base_url.rstrip("/")
    pages = pages_to_measure()
    if args.page:
        pages = [(name, path) for name, path in pages if name in args.page]
        if len(pages) < len(set(args.page)):
            raise SystemExit(f"Unknown page among {args.page!r}")
    client, cookie = log_in()
    results = [
        Figures(
            name,
            path,
            queries=count_queries(client, path),
            queries_nothing_kept=count_queries(client, path, nothing_kept=True),
        )
        for name, path in pages
    ]
    connection.close()  # idle from now on: the database is gunicorn's

    # Every page answers 200 to both visitors, and the cookie is a logged-in one.
    for name, path in [*pages, ("hello", HELLO_PATH)]:
        for who, sent in (("anonymous", ""), ("logged in", cookie)):
            status, _done, _size = fetch(base + path, sent)
            if status != 200:
                raise SystemExit(f"GET {path} ({name}, {who}) answered {status}")
    space = space_path()
    status, _done, _size = fetch(base + space, cookie)
    if status != 200:
        raise SystemExit(f"The candidate's session is not logged in: {space} {status}")

    print(
        f"== wrk: {args.connections} connections, {args.rounds} rounds of "
        f"{args.duration} s per page and way, alternating; loopback only"
    )
    for figures in results:
        url = base + figures.path
        fetch(url)  # the warm-up request: it fills the page cache
        check_cache(figures, url, cookie)
        wrk(url, 1, 2, cookie)  # both workers past their first request
        drain(base, args.connections)
        ways = {
            "cached": (url, ""),
            "uncached": (url, cookie),
            "hello": (base + HELLO_PATH, ""),
        }
        runs: dict[str, list[Run]] = {way: [] for way in ways}
        for _round in range(args.rounds):
            for way, (address, sent) in ways.items():
                runs[way].append(wrk(address, args.duration, args.connections, sent))
                drain(base, args.connections)
        figures.cached_rps = statistics.fmean(run.rps for run in runs["cached"])
        figures.uncached_rps = statistics.fmean(run.rps for run in runs["uncached"])
        figures.hello_rps = statistics.fmean(run.rps for run in runs["hello"])
        figures.cached_median_ms = median_of([run.median_ms for run in runs["cached"]])
        figures.errors = sum(run.errors for way in runs.values() for run in way)
        figures.rounds_rps = {
            way: [run.rps for run in ran] for way, ran in runs.items()
        }
        # One request at a time: how long the page takes to make.
        single = wrk(url, args.latency_duration, 1, cookie)
        drain(base, args.connections)
        figures.uncached_median_ms = single.median_ms
        figures.errors += single.errors
        figures.nothing_kept_median_ms = time_nothing_kept(
            url, cookie, args.nothing_kept_requests
        )
        drain(base, args.connections)
        print(f"   {figures.page}: done", flush=True)

    report(results)
    if args.json:
        figures_list = [asdict(figures) for figures in results]
        args.json.write_text(json.dumps(figures_list, indent=2) + "\n")
        print(f"== Written to {args.json}")
    if any(figures.errors for figures in results):
        sys.exit("Some requests failed (see the errors column)")


def report(results: list[Figures]) -> None:
    print()
    print(
        f"{'page':<20} {'cached':>8} {'uncached':>8} {'hello':>8} {'cached/':>7} "
        f"{'uncached/':>9} {'queries':>7} {'median':>8} {'nothing':>8} {'KiB':>5} "
        f"{'cache':>10} {'errors':>6}"
    )
    print(
        f"{'':<20} {'req/s':>8} {'req/s':>8} {'req/s':>8} {'hello':>7} "
        f"{'hello':>9} {'':>7} {'uncached':>8} {'kept':>8} {'':>5} {'':>10} {'':>6}"
    )
    for f in results:
        print(
            f"{f.page:<20} {f.cached_rps:>8.1f} {f.uncached_rps:>8.1f} "
            f"{f.hello_rps:>8.1f} {f.cached_share:>7.0%} "
            f"{f.uncached_share:>9.1%} "
            f"{f'{f.queries}/{f.queries_nothing_kept}':>7} "
            f"{f.uncached_median_ms:>6.1f}ms {f.nothing_kept_median_ms:>6.1f}ms "
            f"{f.size / 1024:>5.0f} "
            f"{f.cache_header:>10} {f.errors:>6}"
        )
    print(
        "median uncached: one request at a time, logged in; nothing kept: the same "
        "just after a publication (no part of the page kept); queries: in-process, "
        "logged in, a warm process, parts kept/nothing kept; "
        f"cache: {CACHE_HEADER} anonymous/logged in"
    )

    print("\n== Aims (docs/benchmarks.md)")
    verdict = {True: "met", False: "NOT met"}
    for f in results:
        share = f.cached_share
        aim = CACHED_SHARE_OF_HELLO
        print(
            f"cached {f.page}: {share:.0%} of hello (aim >= {aim:.0%}): "
            f"{verdict[share >= aim]}"
        )
    for f in results:
        if f.page in UNCACHED_SHARE_OF_HELLO:
            aim = UNCACHED_SHARE_OF_HELLO[f.page]
            share = f.uncached_share
            print(
                f"uncached {f.page}: {share:.1%} of hello (aim >= {aim:.0%}): "
                f"{verdict[share >= aim]}"
            )
    for f in results:
        if f.page in SEARCHES:
            print(
                f"uncached {f.page}: median {f.uncached_median_ms:.1f} ms "
                f"(aim < {SEARCH_MEDIAN_MS:.0f} ms): "
                f"{verdict[f.uncached_median_ms < SEARCH_MEDIAN_MS]}; "
                f"just after a publication {f.nothing_kept_median_ms:.1f} ms"
            )


if __name__ == "__main__":
    main()
