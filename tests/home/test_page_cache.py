"""The page cache of anonymous visitors: pages served from it, any change of public
content visible on the next request, private pages never kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from candidates.factories import UserFactory
from home.factories import ContactPageFactory
from home.models import HomePage, PortalSettings
from home.page_cache import GENERATION_KEY, STATUS_HEADER, public_content_changed
from offers.models import JobFamily, OfferPage
from tests.offers.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def catalogue():
    catalogue = build_catalogue()
    PortalSettings.for_site(Site.objects.get())  # made once, at the first read
    return catalogue


def listed_titles(client, path: str = "/offers/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_page_is_served_from_the_cache(client, catalogue):
    first = client.get("/")
    assert first[STATUS_HEADER] == "miss"
    assert "public" in first["Cache-Control"]
    assert "s-maxage=60" in first["Cache-Control"]
    # Changed behind Wagtail's back (no signal): the kept copy is served.
    HomePage.objects.update(hero_title="Changed in the database only")
    second = client.get("/")
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert client.head("/")[STATUS_HEADER] == "hit"
    # Another address is another page.
    assert client.get("/?utm_source=x")[STATUS_HEADER] == "miss"


def test_a_publication_is_visible_on_the_next_request(client, catalogue):
    assert "Data analyst" not in listed_titles(client)
    offer = catalogue.add("Data analyst", job_family=catalogue.families["sales"])
    offer.unpublish()
    assert "Data analyst" not in listed_titles(client)
    offer.title = "Data analyst"
    offer.save_revision().publish()
    assert "Data analyst" in listed_titles(client)
    assert "Data analyst" in listed_titles(client, "/offers/?family=sales")
    assert client.get(offer.url).status_code == 200


def test_an_unpublication_and_a_filling_are_visible(client, catalogue):
    python = catalogue.offers["Python developer"]
    url = python.url
    assert client.get(url).status_code == 200
    assert "Python developer" in listed_titles(client)
    python.filled = True
    python.save_revision().publish()
    assert "Python developer" not in listed_titles(client)
    assert "closed" in client.get(url).content.decode().lower()
    python.unpublish()
    assert client.get(url).status_code == 404


def test_a_draft_changes_nothing_public(client, catalogue):
    python = catalogue.offers["Python developer"]
    before = client.get(python.url).content
    python.title = "Draft title"
    python.save_revision()
    response = client.get(python.url)
    assert response[STATUS_HEADER] == "hit"
    assert response.content == before


def test_a_scheduled_publication_is_visible(client, catalogue):
    offer = catalogue.add("Scheduled tester")
    offer.unpublish()
    assert "Scheduled tester" not in listed_titles(client)
    offer.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    offer.refresh_from_db()
    assert not offer.live
    call_command("publish_scheduled")
    assert OfferPage.objects.get(pk=offer.pk).live
    assert "Scheduled tester" in listed_titles(client)


def test_a_closing_date_closes_the_offer_at_midnight(client, catalogue):
    python = catalogue.offers["Python developer"]
    python.closing_date = timezone.localdate()
    python.save_revision().publish()
    assert "Python developer" in listed_titles(client)
    tomorrow = timezone.localtime().replace(hour=0, minute=0, second=1) + timedelta(1)
    with time_machine.travel(tomorrow, tick=False):
        assert "Python developer" not in listed_titles(client)


def test_settings_and_snippets_are_visible(client, catalogue):
    assert "Renamed &amp; Co" not in listed_titles(client)
    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.organisation_name = "Renamed & Co"
    portal_settings.save()
    assert "Renamed &amp; Co" in listed_titles(client)
    family = JobFamily.objects.get(name="Engineering")
    family.name = "Software engineering"
    family.save()
    assert "Software engineering" in listed_titles(client)


def test_the_generation_increases_now_and_again_at_commit(
    django_capture_on_commit_callbacks, page_cache
):
    page_cache.set(GENERATION_KEY, 10, timeout=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        public_content_changed()
        assert page_cache.get(GENERATION_KEY) == 11
    assert len(callbacks) == 1
    assert page_cache.get(GENERATION_KEY) == 12


def test_a_lost_generation_never_goes_back(client, catalogue, page_cache):
    client.get("/")
    page_cache.delete(GENERATION_KEY)  # evicted
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" in client.get("/").content.decode()


def test_a_logged_in_visitor_is_never_served_from_the_cache(client, catalogue):
    client.get("/offers/")
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get("/offers/")
        assert response[STATUS_HEADER] == "bypass"
        assert "private" in response["Cache-Control"]
    assert client.get("/me/")[STATUS_HEADER] == "bypass"


def test_private_and_csrf_pages_are_never_kept(client, catalogue):
    ContactPageFactory(parent=catalogue.home, slug="contact")
    for path in ("/contact/", "/account/login/", "/account/signup/", "/me/"):
        for _ in range(2):
            response = client.get(path)
            assert response[STATUS_HEADER] == "bypass", path
            assert "public" not in response.get("Cache-Control", ""), path


def test_no_visitor_receives_another_ones_token_or_session(client, catalogue):
    ContactPageFactory(parent=catalogue.home, slug="contact")
    first = client.get("/contact/")
    token = first.cookies["csrftoken"].value
    client.cookies.clear()
    second = client.get("/contact/")
    assert second.cookies["csrftoken"].value != token
    kept = client.get("/offers/")
    assert kept[STATUS_HEADER] in ("miss", "hit")
    assert not kept.cookies
    assert b"csrfmiddlewaretoken" not in kept.content


def test_error_pages_are_never_kept(client, catalogue):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert response[STATUS_HEADER] == "bypass"


def test_the_cache_can_be_turned_off(client, catalogue, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" in client.get("/").content.decode()


def test_a_command_outdates_the_kept_pages(client, catalogue):
    client.get("/")
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" not in client.get("/").content.decode()
    call_command("purge_page_cache")
    assert "Changed in the database only" in client.get("/").content.decode()
