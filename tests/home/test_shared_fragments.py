"""The parts of public pages that every visitor sees alike, kept for pages made
afresh (a logged-in visitor's): fewer queries once kept, any change of content
visible on the next request, nothing personal ever shared, previews and pages
that are not Wagtail's always made afresh."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from candidates.factories import UserFactory
from candidates.models import SavedOffer
from home.factories import ContentPageFactory
from home.models import PortalSettings
from home.page_cache import content_version, kept_for_everyone
from offers.factories import OfferPageFactory, TeamIndexPageFactory, TeamPageFactory
from offers.models import JobFamily
from tests.offers.catalogue import add_french, build_catalogue
from tests.offers.test_offer_team_place import quote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_parts(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield caches["default"]
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def catalogue():
    catalogue = build_catalogue()
    PortalSettings.for_site(Site.objects.get())  # made once, at the first read
    return catalogue


@pytest.fixture
def candidate_client(client):
    client.force_login(UserFactory(username="jane"))
    return client


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(page: str) -> str:
    """The page less its form tokens (masked afresh on each request)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def count_queries(client, path: str, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as captured:
        html(client, path)
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/en/offers/",
        "/en/offers/?family=engineering&contract=permanent",
        "/en/offers/?q=python",
        "python-offer",
    ],
)
def test_a_page_made_again_reads_less_and_shows_the_same(
    candidate_client, catalogue, django_assert_max_num_queries, path
):
    if path == "python-offer":
        path = catalogue.offers["Python developer"].url
    first = html(candidate_client, path)
    cold = count_queries(
        candidate_client, path, django_assert_max_num_queries
    )  # kept by the first request already
    caches["default"].clear()
    made = count_queries(candidate_client, path, django_assert_max_num_queries)
    assert cold < made, (cold, made)
    assert without_tokens(html(candidate_client, path)) == without_tokens(first)


# What a page made afresh for a logged-in candidate reads once its shared parts
# are kept (the counts of tests/offers/test_queries.py are those with none kept):
# the session and its user, the agreement's check, Wagtail's routing, the saved
# offers, the user bar's permissions, and the page's own (the listing's families
# and places, its page of offers and their places; the offer's similar offers
# and apply state).
KEPT_LISTING_QUERIES = 18
KEPT_OFFER_QUERIES = 19


def kept_search_queries() -> int:
    """A search's: the listing's, the team pages of its family, and the
    matches read first on SQLite (on PostgreSQL they are a subquery of the
    page's query)."""
    return KEPT_LISTING_QUERIES + 1 + (connection.vendor != "postgresql")


def grow(catalogue, total: int) -> None:
    for number in range(total - len(catalogue.offers)):
        catalogue.add(f"Grown offer {number}", job_family=catalogue.families["sales"])


@pytest.mark.parametrize("total", [10, 30])
def test_kept_parts_leave_a_constant_number_of_queries(
    candidate_client, catalogue, django_assert_num_queries, total
):
    grow(catalogue, total)
    offer = catalogue.offers["Python developer"]
    for path, expected in (
        ("/en/offers/", KEPT_LISTING_QUERIES),
        ("/en/offers/?q=developer&family=engineering", kept_search_queries()),
        (offer.url, KEPT_OFFER_QUERIES),
    ):
        html(candidate_client, path)
        with django_assert_num_queries(expected):
            html(candidate_client, path)


def test_a_publication_is_visible_on_the_next_request(candidate_client, catalogue):
    python = catalogue.offers["Python developer"]
    before = html(candidate_client, python.url)
    assert "Senior Python developer" not in before
    listing = html(candidate_client, "/en/offers/")
    assert "Data analyst" not in listing
    python.title = "Senior Python developer"
    python.save_revision().publish()
    assert "Senior Python developer" in html(candidate_client, python.url)
    # The listing's counts too: one offer more in Sales.
    sales = html(candidate_client, "/en/offers/?family=sales")
    offer = catalogue.add("Data analyst", job_family=catalogue.families["sales"])
    offer.unpublish()
    offer.save_revision().publish()
    after = html(candidate_client, "/en/offers/?family=sales")
    assert "Data analyst" in after
    assert counted(after) == counted(sales) + 1


def counted(page: str) -> int:
    """The number of offers the listing's heading announces."""
    heading = page[page.index('id="results-title"') :]
    return int(heading[heading.index(">") + 1 :].split()[0])


def test_a_draft_changes_nothing_and_its_preview_shows_it(candidate_client, catalogue):
    python = catalogue.offers["Python developer"]
    html(candidate_client, python.url)
    python.title = "Draft title"
    python.save_revision()
    assert "Draft title" not in html(candidate_client, python.url)
    # A preview is made afresh, whatever is kept for the live page.
    preview = python.make_preview_request()
    assert "Draft title" in preview.render().content.decode()


def test_a_closing_date_closes_the_offer_at_midnight(candidate_client, catalogue):
    python = catalogue.offers["Python developer"]
    python.closing_date = timezone.localdate()
    python.save_revision().publish()
    assert "This offer is closed" not in html(candidate_client, python.url)
    assert "Python developer" in html(candidate_client, "/en/offers/")
    tomorrow = timezone.localtime().replace(hour=0, minute=0, second=1) + timedelta(1)
    with time_machine.travel(tomorrow, tick=False):
        assert "This offer is closed" in html(candidate_client, python.url)
        assert "Python developer" not in html(candidate_client, "/en/offers/")


def test_settings_snippets_and_team_pages_are_visible(candidate_client, catalogue):
    python = catalogue.offers["Python developer"]
    team = TeamPageFactory(
        parent=TeamIndexPageFactory(parent=catalogue.home),
        title="Engineering team",
        job_family=catalogue.families["engineering"],
        quotes=quote("We ship on Tuesdays."),
    )
    assert "We ship on Tuesdays." in html(candidate_client, python.url)
    team.quotes = quote("We ship every day.")
    team.save_revision().publish()
    assert "We ship every day." in html(candidate_client, python.url)

    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.organisation_name = "Renamed & Co"
    portal_settings.save()
    assert "Renamed &amp; Co" in html(candidate_client, python.url)
    family = JobFamily.objects.get(name="Engineering")
    family.name = "Software engineering"
    family.save()
    assert "Software engineering" in html(candidate_client, python.url)
    assert "Software engineering" in html(candidate_client, "/en/offers/")


def test_nothing_personal_is_shared(client, catalogue):
    python = catalogue.offers["Python developer"]
    jane, john = UserFactory(username="jane"), UserFactory(username="john")
    SavedOffer.objects.create(candidate=jane, offer=python)
    client.force_login(jane)
    janes = html(client, python.url)
    janes_listing = html(client, "/en/offers/")
    assert 'aria-pressed="true"' in janes
    client.logout()
    client.force_login(john)
    johns = html(client, python.url)
    johns_listing = html(client, "/en/offers/")
    assert 'aria-pressed="true"' not in johns
    assert 'aria-pressed="true"' not in johns_listing
    assert 'aria-pressed="true"' in janes_listing
    # Each page carries its visitor's own form token.
    assert token_of(janes) != token_of(johns)
    # An anonymous visitor's page says neither.
    client.logout()
    anonymous = html(client, python.url)
    assert "csrfmiddlewaretoken" not in anonymous
    assert 'aria-pressed="true"' not in anonymous


def token_of(page: str) -> str:
    start = page.index('name="csrfmiddlewaretoken" value="') + 34
    return page[start : page.index('"', start)]


def test_each_language_is_kept_apart(candidate_client, catalogue):
    french = add_french(catalogue, {"Python developer": "Développeur Python"})
    english = html(candidate_client, "/en/offers/")
    first = html(candidate_client, french.index.url)
    assert '<html lang="fr">' in first
    assert "See all offers" not in first  # the English footer is not the French
    again = html(candidate_client, french.index.url)
    assert again.count("Développeur Python") == first.count("Développeur Python") > 0
    assert without_tokens(html(candidate_client, "/en/offers/")) == without_tokens(
        english
    )


def render_fragment(request, page, value: str) -> str:
    template = Template(
        '{% load portal_tags %}{% sharedfragment "test" %}{{ value }}'
        "{% endsharedfragment %}"
    )
    return template.render(Context({"request": request, "page": page, "value": value}))


def test_only_public_wagtail_pages_keep_parts(catalogue, settings):
    request = RequestFactory().get("/en/offers/")
    page = catalogue.index
    assert render_fragment(request, page, "first") == "first"
    assert render_fragment(request, page, "second") == "first"
    # Not a Wagtail page (an account's, the candidate space's views): afresh.
    assert render_fragment(request, None, "first") == "first"
    assert render_fragment(request, None, "second") == "second"
    # Under a private address: afresh.
    private = RequestFactory().get("/en/me/")
    assert render_fragment(private, page, "first") == "first"
    assert render_fragment(private, page, "second") == "second"
    # Another host is another site.
    other = RequestFactory().get("/en/offers/", HTTP_HOST="localhost")
    assert render_fragment(other, page, "third") == "third"
    # Turned off: afresh.
    settings.FRAGMENT_CACHE_ENABLED = False
    assert render_fragment(request, page, "fourth") == "fourth"


def test_kept_values_follow_the_content(catalogue, settings):
    made = []

    def make():
        made.append(1)
        return len(made)

    assert kept_for_everyone("test", [1], make) == 1
    assert kept_for_everyone("test", [1], make) == 1
    assert kept_for_everyone("test", [2], make) == 2
    version = content_version()
    OfferPageFactory(parent=catalogue.index).save_revision().publish()
    assert content_version() != version
    assert kept_for_everyone("test", [1], make) == 3
    settings.FRAGMENT_CACHE_ENABLED = False
    assert kept_for_everyone("test", [1], make) == 4
    assert kept_for_everyone("test", [1], make) == 5


def test_a_body_is_kept_but_its_lists_of_offers(client, catalogue):
    """A page's blocks are kept, but a block listing offers, whose cards carry
    each visitor's own Save toggle; a publication shows the new text."""
    python = catalogue.offers["Python developer"]
    page = ContentPageFactory(parent=catalogue.home, slug="about")
    page.body = [
        {"type": "paragraph", "value": "<p>We read every application.</p>"},
        {
            "type": "latest_offers",
            "value": {"heading": "Newest", "job_family": None, "count": 12},
        },
    ]
    page.save_revision().publish()
    jane, john = UserFactory(username="jane"), UserFactory(username="john")
    SavedOffer.objects.create(candidate=jane, offer=python)
    client.force_login(jane)
    janes = html(client, "/en/about/")
    assert "We read every application." in janes
    assert "Python developer" in janes
    assert 'aria-pressed="true"' in janes
    client.force_login(john)
    johns = html(client, "/en/about/")
    assert "We read every application." in johns
    assert "Python developer" in johns
    assert 'aria-pressed="true"' not in johns
    page.body = [{"type": "paragraph", "value": "<p>We answer everyone.</p>"}]
    page.save_revision().publish()
    again = html(client, "/en/about/")
    assert "We answer everyone." in again
    assert "We read every application." not in again
