"""Fixtures shared by every suite."""

import io
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_migrate
from django.test import TestCase, TransactionTestCase
from django.utils import translation

from home.factories import make_site_root


def restore_migration_rows(sender, **kwargs) -> None:
    """After Django empties the test database (transactional tests, browser
    journeys), the rows the data migrations wrote come back: staff groups and
    their rights (on Wagtail's root page too), the default stages of the
    pipeline. (``flush`` sends ``post_migrate``; once, for the app of the
    stages.)"""
    if sender.label != "applications":
        return
    from applications.stages import ensure_default_stages
    from home.factories import ensure_wagtail_root
    from home.groups import ensure_staff_groups, ensure_staff_permissions

    ensure_wagtail_root()  # the groups' rights on pages hang on the root page
    ensure_staff_groups()
    ensure_staff_permissions()
    ensure_default_stages()


def pytest_configure(config):
    post_migrate.connect(restore_migration_rows, dispatch_uid="restore_rows")
    # `make test` runs the suite a second time on PostgreSQL: make sure it really does.
    if os.environ.get("REQUIRE_POSTGRES") and not os.environ.get(
        "DATABASE_URL", ""
    ).startswith("postgres"):
        raise pytest.UsageError(
            "REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL"
        )


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Images the tests and the demo make (its illustrations) go to a folder
    pytest cleans up, not to var/."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request served in French
    leaves French active in this thread (Django's locale middleware does not switch
    back), which would change the URLs and texts of the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and other cached state never leak from one test to another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """A bare home page served as the default site."""
    return make_site_root()


@pytest.fixture(scope="module")
def _demo_data(django_db_setup, django_db_blocker):
    """The demo site, loaded once per test module in a transaction that is rolled
    back after the module's last test (each test runs in a savepoint of it)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_data", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_site(_demo_data, db):
    """The whole demo site: pages, offers, settings and users."""
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


def empties_the_database(item: pytest.Item) -> bool:
    """Whether ``item`` runs outside a rolled-back transaction: Django empties the
    database after it, with the rows the migrations wrote (groups, permissions)."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """In each module, the tests on the demo site run last: the demo data, loaded
    once for them, must not be seen by the module's other tests. (Runs before
    pytest-django's own ordering, which then moves the tests that empty the
    database to the end.)

    A module either empties the database in every test or in none: the test
    processes (``-n 2 --dist loadfile``) run a module as a whole, and a module of
    both kinds would empty the database under the modules that follow it."""
    modules: dict = {}
    kinds: dict = {}
    for position, item in enumerate(items):
        modules.setdefault(item.module, position)
        kinds.setdefault(item.module, set()).add(empties_the_database(item))
    mixed = sorted(module.__name__ for module, kind in kinds.items() if len(kind) > 1)
    if mixed:
        raise pytest.UsageError(
            "Put the tests that empty the database (transaction=True, "
            "transactional_db, live_server) in modules of their own: "
            + ", ".join(mixed)
        )

    def key(pair):
        position, item = pair
        uses_demo = "_demo_data" in getattr(item, "fixturenames", ())
        return (modules[item.module], uses_demo, position)

    items[:] = [item for _position, item in sorted(enumerate(items), key=key)]


@pytest.fixture
def uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django sends its e-mail there."""
    from tests.smtp import SmtpServer

    server = SmtpServer().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and not settings.DATABASES["default"][
        "ENGINE"
    ].endswith("postgresql"):
        pytest.fail(
            "This test needs PostgreSQL: `make test` runs it with DATABASE_URL set."
        )
