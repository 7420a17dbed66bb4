"""`make demo` tells the truth: served on PORT, its e-mails, share links, sitemap
and feed give that address (or BASE_URL), and a visitor sees the designed error
pages (DEBUG off), styled by static files the demo serves itself."""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import path
from wagtail.models import Site

from candidates.demo import DEMO_USERS
from config import urls as site_urls
from home.demo import base_url_address
from home.models import HomePage
from offers.models import OfferPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PORT = 8123
BASE_URL = f"http://127.0.0.1:{PORT}"
HOST = f"127.0.0.1:{PORT}"


def boom(request):
    raise RuntimeError("A bug in a view")


# The URLs of the 500 test: the site's, and a view that fails.
urlpatterns = [path("boom/", boom), *site_urls.urlpatterns]


@pytest.fixture(scope="module")
def _demo_on_port(_demo_data, django_db_blocker):
    """The demo loaded again as `make demo PORT=8123` loads it: with
    BASE_URL=http://127.0.0.1:8123 (kept for the module's tests)."""
    with override_settings(WAGTAILADMIN_BASE_URL=BASE_URL):
        with django_db_blocker.unblock():
            call_command("load_demo_data", stdout=io.StringIO())
        yield


@pytest.fixture
def demo(_demo_on_port, db) -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own output


# What the Makefile sets


def make_dry_run(*args: str, **env: str) -> str:
    """What `make -n demo ...` would run (nothing is run)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    clean = {
        name: value
        for name, value in os.environ.items()
        if name not in {"BASE_URL", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "demo", *args],  # noqa: S607
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def manage_lines(output: str) -> dict[str, str]:
    """The `manage.py` command lines of a dry run, by command name."""
    return {
        line.split("manage.py ")[1].split()[0]: line
        for line in output.splitlines()
        if "manage.py " in line
    }


def test_make_demo_passes_the_port_to_the_address():
    lines = manage_lines(make_dry_run(f"PORT={PORT}"))
    assert list(lines) == ["migrate", "prepare_demo", "runserver"]
    for line in lines.values():
        assert line.startswith(f"BASE_URL='{BASE_URL}' ")
    assert lines["runserver"].endswith(f"runserver {HOST}")


def test_make_demo_defaults_to_port_8000():
    lines = manage_lines(make_dry_run())
    assert lines["runserver"].startswith("BASE_URL='http://127.0.0.1:8000' ")
    assert lines["runserver"].endswith("runserver 127.0.0.1:8000")


def test_make_demo_keeps_a_base_url_given():
    for args, env in [
        ((f"PORT={PORT}",), {"BASE_URL": "https://careers.example.com"}),
        ((f"PORT={PORT}", "BASE_URL=https://careers.example.com"), {}),
    ]:
        lines = manage_lines(make_dry_run(*args, **env))
        assert lines["prepare_demo"].startswith(
            "BASE_URL='https://careers.example.com' "
        )
        assert lines["runserver"].endswith(f"runserver {HOST}")


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("http://127.0.0.1:8123/", ("127.0.0.1", 8123)),
        ("http://localhost", ("localhost", 80)),
        ("https://careers.example.com", ("careers.example.com", 443)),
        ("https://careers.example.com:8443/", ("careers.example.com", 8443)),
    ],
)
def test_the_site_record_takes_the_host_and_port_of_base_url(base_url, address):
    assert base_url_address(base_url) == address


# What the demo then serves


def test_the_demo_site_is_served_at_the_port(demo):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", PORT, demo.pk)
    assert site.root_url == BASE_URL


def test_the_sitemap_gives_the_port(client, demo):
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    assert response.status_code == 200
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [
        loc.text for loc in parse_xml(response.content).iter(f"{namespace}loc")
    ]
    assert f"{BASE_URL}/en/offers/" in locations
    assert len(locations) > 5
    assert all(location.startswith(f"{BASE_URL}/") for location in locations)
    # Reached as localhost, it still names the demo's own address.
    response = client.get("/sitemap.xml", HTTP_HOST=f"localhost:{PORT}")
    assert b"<loc>http://localhost" not in response.content


def test_the_feed_gives_the_port(client, demo):
    response = client.get("/en/offers/feed/", HTTP_HOST=HOST)
    assert response.status_code == 200
    channel = parse_xml(response.content).find("channel")
    assert channel.findtext("link") == f"{BASE_URL}/en/offers/"
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links
    assert all(link.startswith(f"{BASE_URL}/en/offers/") for link in links)


def test_the_share_link_gives_the_port(client, demo):
    offer = OfferPage.objects.live().filter(slug="data-analyst").get()
    html = client.get(offer.url, HTTP_HOST=HOST).content.decode()
    share = f"{BASE_URL}/en/offers/data-analyst/"
    assert f'id="offer-link" type="url" value="{share}"' in html
    assert "localhost" not in html


def test_account_emails_give_the_port(client, demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/account/password/reset/",
            {"email": "candidate@example.com"},
            HTTP_HOST=HOST,
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    assert any(
        link.startswith(f"{BASE_URL}/en/account/password/reset/key/") for link in links
    )
    assert all(link.startswith(f"{BASE_URL}/") for link in links)
    assert "127.0.0.1:8000" not in message.body + message.alternatives[0][0]


def test_the_demo_prints_its_address_and_log_ins_last(demo, settings):
    """`prepare_demo` loads the demo (again: the port may have changed since),
    then ends with where to open it and the log-ins, after the loading's output."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8124"
    out = io.StringIO()
    call_command("prepare_demo", stdout=out)
    lines = out.getvalue().rstrip("\n").splitlines()
    rule = lines[-1]
    assert set(rule) == {"="}
    start = max(number for number, line in enumerate(lines[:-1]) if line == rule)
    assert lines[start - 1] == ""  # apart from what the loading printed
    assert lines[start + 1] == "Demo content is loaded."
    text = "\n".join(lines[start:]) + "\n"
    assert text.index("Demo log-ins") < text.index("Open the demo at")
    assert "http://127.0.0.1:8124/\n" in text
    assert "http://127.0.0.1:8124/admin/\n" in text
    assert "http://127.0.0.1:8124/en/account/login/\n" in text
    for username, password, *_ in DEMO_USERS:
        assert f"{username:<10} / {password}" in text
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8124)


# Error pages, static files and hosts without DEBUG


def test_the_demo_settings_turn_debug_off(monkeypatch):
    from config.settings import dev

    monkeypatch.delenv("DEBUG", raising=False)
    assert importlib.reload(dev).DEBUG is False
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in dev.MIDDLEWARE
    monkeypatch.setenv("DEBUG", "true")
    assert importlib.reload(dev).DEBUG is True
    monkeypatch.delenv("DEBUG")
    importlib.reload(dev)


def test_a_missing_page_shows_the_designed_404(client, demo):
    assert django_settings.DEBUG is False
    response = client.get("/en/no-such-page/", HTTP_HOST=HOST)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/en/offers/"' in html
    assert 'class="site-header"' in html  # the site's own layout
    assert "Using the URLconf" not in html  # not Django's debug page
    assert "technical_404" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_failure_shows_the_designed_500(demo):
    response = Client(raise_request_exception=False).get("/boom/", HTTP_HOST=HOST)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert '<html lang="en">' in html
    assert "/static/css/site.css" in html  # the site's look, without the database
    assert "RuntimeError" not in html
    assert "Traceback" not in html


def test_the_demo_serves_its_static_files_without_debug(client, demo):
    from config.settings import dev

    with override_settings(
        MIDDLEWARE=dev.MIDDLEWARE,
        STATIC_ROOT=dev.STATIC_ROOT,
        WHITENOISE_USE_FINDERS=dev.WHITENOISE_USE_FINDERS,
        WHITENOISE_AUTOREFRESH=False,
    ):
        response = Client().get("/static/css/site.css", HTTP_HOST=HOST)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/css")
        # Wagtail's admin has its styles too.
        html = Client().get("/admin/login/", HTTP_HOST=HOST).content.decode()
        stylesheet = re.search(r'href="(/static/wagtailadmin/css/[^"?]+)', html)
        assert stylesheet
        admin_css = Client().get(stylesheet.group(1), HTTP_HOST=HOST)
        assert admin_css.status_code == 200


@pytest.mark.parametrize("host", [HOST, f"localhost:{PORT}", "127.0.0.1:9000"])
def test_loopback_is_accepted_on_any_port(client, demo, settings, host):
    """The default ALLOWED_HOSTS names hosts, whatever the port."""
    from config.settings import base

    if os.environ.get("ALLOWED_HOSTS"):
        pytest.skip("ALLOWED_HOSTS is set in the environment")
    settings.ALLOWED_HOSTS = base.ALLOWED_HOSTS
    assert client.get("/en/", HTTP_HOST=host).status_code == 200


def test_the_demo_serves_editors_images_with_debug_off(client, settings, tmp_path):
    """With DEBUG off the demo has no web server in front: Django serves the
    files of MEDIA_ROOT itself (SERVE_MEDIA, config/settings/dev.py)."""
    from importlib import import_module, reload

    from django.urls import clear_url_caches

    import config.urls

    dev = import_module("config.settings.dev")
    assert dev.SERVE_MEDIA is True
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "team.txt").write_bytes(b"a picture")
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = False
    settings.SERVE_MEDIA = True
    reload(config.urls)
    clear_url_caches()
    try:
        response = client.get("/media/images/team.txt")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"a picture"
    finally:
        settings.SERVE_MEDIA = False
        reload(config.urls)
        clear_url_caches()
    assert client.get("/media/images/team.txt").status_code == 404
