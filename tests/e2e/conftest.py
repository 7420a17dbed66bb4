"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Every page a journey visits is checked with axe-core for WCAG 2.2 AA.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls that the
# fixtures make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make test`, which installs it "
            "(apt-get install chromium)."
        )
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def e2e_site(transactional_db, settings):
    """The demo site, committed so that the live server thread sees it (and
    rebuilt from an empty database, which is what each of these tests leaves),
    served with the page cache on, as in the demo and in production."""
    call_command("load_demo_data", stdout=io.StringIO())
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    # The demo's own e-mails (its sent application) are not the journey's.
    mail.outbox.clear()


def open_page(browser: Browser, live_server, viewport: str) -> Page:
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    # Wagtail's editor says goodbye to its editing session as it unloads; that
    # request would run beside the next page's in the live server, which shares
    # the test's in-memory database ("table is locked"): it is left out (the
    # session expires on its own).
    context.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    return context.new_page()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server, e2e_site) -> Page:
    """A fresh browser tab at desktop size, then at phone size."""
    tab = open_page(browser, live_server, request.param)
    yield tab
    tab.context.close()


def assert_accessible(page: Page) -> None:
    """Runs axe-core on the current page; fails with each WCAG 2.2 AA violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        "async (tags) => await axe.run("
        "document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]
    assert not violations, f"axe on {page.url}:\n" + json.dumps(violations, indent=2)
