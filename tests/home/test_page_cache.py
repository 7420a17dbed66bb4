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
from tests.offers.catalogue import add_french, build_catalogue

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


def listed_titles(client, path: str = "/en/offers/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_page_is_served_from_the_cache(client, catalogue):
    first = client.get("/en/")
    assert first[STATUS_HEADER] == "miss"
    assert "public" in first["Cache-Control"]
    assert "s-maxage=60" in first["Cache-Control"]
    # Changed behind Wagtail's back (no signal): the kept copy is served.
    HomePage.objects.update(hero_title="Changed in the database only")
    second = client.get("/en/")
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert client.head("/en/")[STATUS_HEADER] == "hit"
    # Another address is another page.
    assert client.get("/en/?utm_source=x")[STATUS_HEADER] == "miss"


def test_a_publication_is_visible_on_the_next_request(client, catalogue):
    assert "Data analyst" not in listed_titles(client)
    offer = catalogue.add("Data analyst", job_family=catalogue.families["sales"])
    offer.unpublish()
    assert "Data analyst" not in listed_titles(client)
    offer.title = "Data analyst"
    offer.save_revision().publish()
    assert "Data analyst" in listed_titles(client)
    assert "Data analyst" in listed_titles(client, "/en/offers/?family=sales")
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
    client.get("/en/")
    page_cache.delete(GENERATION_KEY)  # evicted
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" in client.get("/en/").content.decode()


def test_a_logged_in_visitor_is_never_served_from_the_cache(client, catalogue):
    client.get("/en/offers/")
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get("/en/offers/")
        assert response[STATUS_HEADER] == "bypass"
        assert "private" in response["Cache-Control"]
    assert client.get("/en/me/")[STATUS_HEADER] == "bypass"


def test_private_and_csrf_pages_are_never_kept(client, catalogue):
    ContactPageFactory(parent=catalogue.home, slug="contact")
    for path in (
        "/en/contact/",
        "/en/account/login/",
        "/en/account/signup/",
        "/en/me/",
    ):
        for _ in range(2):
            response = client.get(path)
            assert response[STATUS_HEADER] == "bypass", path
            assert "public" not in response.get("Cache-Control", ""), path


def test_no_visitor_receives_another_ones_token_or_session(client, catalogue):
    ContactPageFactory(parent=catalogue.home, slug="contact")
    first = client.get("/en/contact/")
    token = first.cookies["csrftoken"].value
    client.cookies.clear()
    second = client.get("/en/contact/")
    assert second.cookies["csrftoken"].value != token
    kept = client.get("/en/offers/")
    assert kept[STATUS_HEADER] in ("miss", "hit")
    assert not kept.cookies
    assert b"csrfmiddlewaretoken" not in kept.content


def test_error_pages_are_never_kept(client, catalogue):
    for _ in range(2):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert response[STATUS_HEADER] == "bypass"


def test_the_cache_can_be_turned_off(client, catalogue, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/")
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" in client.get("/en/").content.decode()


def test_a_command_outdates_the_kept_pages(client, catalogue):
    client.get("/en/")
    HomePage.objects.update(hero_title="Changed in the database only")
    assert "Changed in the database only" not in client.get("/en/").content.decode()
    call_command("purge_page_cache")
    assert "Changed in the database only" in client.get("/en/").content.decode()


def test_each_language_is_kept_apart(client, catalogue):
    french = add_french(catalogue, {"Python developer": "Développeur Python"})
    english = client.get("/en/offers/")
    assert english[STATUS_HEADER] == "miss"
    first = client.get(french.index.url)
    assert first[STATUS_HEADER] == "miss"  # not the English copy
    assert '<html lang="fr">' in first.content.decode()
    again = client.get(french.index.url)
    assert again[STATUS_HEADER] == "hit"
    assert "Développeur Python" in again.content.decode()
    assert "Développeur Python" not in client.get("/en/offers/").content.decode()


@pytest.mark.parametrize(
    ("accept", "target"), [("fr", "/fr/"), ("de", "/en/"), ("fr", "/fr/")]
)
def test_the_redirect_of_the_bare_address_is_never_kept(
    client, catalogue, accept, target
):
    add_french(catalogue, {})
    for language, expected in (("fr", "/fr/"), (accept, target), ("en", "/en/")):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 302
        assert response["Location"] == expected
        assert response[STATUS_HEADER] == "bypass"
        assert "private" in response["Cache-Control"]


def test_private_pages_under_a_language_are_never_kept(client, catalogue):
    for path in ("/fr/me/", "/en/me/", "/fr/account/login/", "/fr/alerts/new/"):
        assert client.get(path)[STATUS_HEADER] == "bypass", path
