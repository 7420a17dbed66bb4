"""The production stack as a load balancer sees it: gunicorn with the production
settings, static files collected and served by whitenoise, PostgreSQL and S3 behind
the health check, logs as JSON lines."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from .conftest import closed_port, collect_static, production_environ, start_gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, **headers: str) -> tuple[int, bytes, dict[str, str]]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        # Generous: the first request waits for a worker to load the site.
        with opener.open(request, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_gunicorn_serves_the_site_with_production_settings(s3_server, tmp_path):
    environ = production_environ(
        VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="careers.example.com,127.0.0.1",
        BASE_URL="https://careers.example.com",
        **s3_server.environ(),
    )
    collect_static(environ)
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())

    port = closed_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(port, environ, log)
    site = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body, _headers = get(f"{site}/healthz")
                break
            except (OSError, urllib.error.URLError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
        # Over plain HTTP, straight from the load balancer: no redirect.
        assert status == 200, body
        assert json.loads(body) == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
        }

        status, _body, headers = get(f"{site}/robots.txt")
        assert status == 301
        assert headers["Location"] == f"https://127.0.0.1:{port}/robots.txt"

        behind_tls = {"Host": "careers.example.com", "X-Forwarded-Proto": "https"}
        status, body, headers = get(f"{site}/robots.txt", **behind_tls)
        assert status == 200
        assert b"Sitemap: https://careers.example.com/sitemap.xml" in body
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "script-src 'self'" in headers["Content-Security-Policy"]

        stylesheet = manifest["paths"]["css/site.css"]
        assert stylesheet != "css/site.css"  # a hashed name, cached for ever
        status, _body, headers = get(
            f"{site}/static/{stylesheet}", **behind_tls, **{"Accept-Encoding": "gzip"}
        )
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]

        status, _body, _headers = get(f"{site}/robots.txt", Host="evil.example")
        assert status == 400
    finally:
        server.terminate()
        server.wait(timeout=30)

    entries = [
        json.loads(line) for line in log.read_text().splitlines() if line[:1] == "{"
    ]
    assert any(
        entry["logger"] == "django.security.DisallowedHost"
        and entry["level"] == "ERROR"
        and entry["path"] == "/robots.txt"
        for entry in entries
    ), log.read_text()[-3000:]
