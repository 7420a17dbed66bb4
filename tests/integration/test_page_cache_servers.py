"""The page cache on several servers: two gunicorn servers with the production
settings share PostgreSQL and a real Redis; a change made anywhere is what the
next anonymous request sees on either server."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, override_settings
from wagtail.models import Site

from candidates.factories import UserFactory
from home.models import PortalSettings
from tests.offers.catalogue import build_catalogue

from .conftest import (
    closed_port,
    collect_static,
    production_environ,
    start_gunicorn,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEHIND_TLS = {"Host": "careers.example.com", "X-Forwarded-Proto": "https"}


def get(url: str, session: str = "") -> tuple[int, str, dict[str, str]]:
    """GET ``url`` behind TLS; with ``session``, as that logged-in visitor (the
    production settings' session cookie)."""
    headers = dict(BEHIND_TLS)
    if session:
        headers["Cookie"] = f"__Host-sessionid={session}"
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def logged_in_session(user, secret_key: str) -> str:
    """The key of a session logged in as ``user``, in the shared database (the
    servers read their sessions from it when Redis lacks them), signed with the
    servers' ``secret_key``."""
    client = Client()
    with override_settings(SECRET_KEY=secret_key):
        client.force_login(user)
    return next(iter(client.cookies.values())).value


def wait_until_up(site: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            get(f"{site}/healthz")
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


def test_two_servers_share_the_page_cache(redis_cache, tmp_path):
    """The test process shares the servers' Redis (redis_cache): its changes
    outdate what they keep."""
    catalogue = build_catalogue()
    PortalSettings.for_site(Site.objects.get())
    environ = production_environ(
        VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="careers.example.com",
        REDIS_URL=redis_cache,
    )
    collect_static(environ)
    ports = [closed_port(), closed_port()]
    logs = [tmp_path / f"server-{number}.log" for number in (1, 2)]
    servers = [
        start_gunicorn(port, environ, log, workers=1)
        for port, log in zip(ports, logs, strict=True)
    ]
    first, second = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        for site, server, log in zip((first, second), servers, logs, strict=True):
            wait_until_up(site, server, log)
        status, body, headers = get(f"{first}/offers/")
        assert status == 200
        assert headers["X-Page-Cache"] == "miss"
        status, same, headers = get(f"{second}/offers/")
        assert headers["X-Page-Cache"] == "hit"  # kept by the other server
        assert same == body
        assert "Python developer" in body

        # A publication in another process (the admin's, here the test's).
        offer = catalogue.add("Data analyst")
        offer.unpublish()
        offer.save_revision().publish()
        for site in (second, first):
            _status, body, headers = get(f"{site}/offers/")
            assert "Data analyst" in body, site
        assert headers["X-Page-Cache"] == "hit"

        catalogue.offers["Python developer"].unpublish()
        for site in (first, second):
            assert "Python developer" not in get(f"{site}/offers/")[1], site

        portal_settings = PortalSettings.for_site(Site.objects.get())
        portal_settings.organisation_name = "Renamed on one server"
        portal_settings.save()
        for site in (second, first):
            assert "Renamed on one server" in get(f"{site}/")[1], site

        # A logged-in candidate's pages are made afresh, their shared parts
        # kept in Redis for both servers and outdated by a change made anywhere.
        session = logged_in_session(UserFactory(username="jane"), environ["SECRET_KEY"])
        analyst = catalogue.offers["Data analyst"]
        path = analyst.url
        for site in (first, second):
            status, body, headers = get(f"{site}{path}", session)
            assert status == 200, site
            assert headers["X-Page-Cache"] == "bypass"
            assert "Data analyst" in body and 'name="csrfmiddlewaretoken"' in body
        analyst.title = "Senior data analyst"
        analyst.save_revision().publish()
        for site in (second, first):
            assert "Senior data analyst" in get(f"{site}{path}", session)[1], site
            assert "Senior data analyst" in get(f"{site}/offers/", session)[1], site
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
