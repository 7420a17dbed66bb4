"""The offer page carries its team and its places: a quote of the team, the
places' photos and addresses, each linking to its page; kept in the page cache
and dropped from it, and from a CDN, when the team or the place changes."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import caches
from wagtail.models import Site
from wagtail_factories import ImageFactory

from home.models import PortalSettings
from home.page_cache import STATUS_HEADER
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    LocationIndexPageFactory,
    LocationPageFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
    TeamIndexPageFactory,
    TeamPageFactory,
)
from offers.models import LocationPage, TeamPage

pytestmark = pytest.mark.django_db


def quote(text: str, photo=None) -> list[dict]:
    image = {"image": photo.pk if photo else None, "decorative": True, "alt_text": ""}
    return [
        {
            "type": "quote",
            "value": {"quote": text, "name": "Inès", "role": "Lead", "photo": image},
        }
    ]


@pytest.fixture
def world(home_page):
    """A data analyst in Lyon and a seller in Paris; a Data team page with a
    quote and a Lyon page with a photo."""
    index = OfferIndexPageFactory(parent=home_page)
    data, sales = JobFamilyFactory(name="Data"), JobFamilyFactory(name="Sales")
    lyon, paris = LocationFactory(city="Lyon"), LocationFactory(city="Paris")
    analyst = OfferPageFactory(
        parent=index, title="Analyst", job_family=data, locations=[lyon]
    )
    seller = OfferPageFactory(
        parent=index, title="Seller", job_family=sales, locations=[paris]
    )
    team = TeamPageFactory(
        parent=TeamIndexPageFactory(parent=home_page),
        title="Data team",
        job_family=data,
        quotes=quote("Our models plan two million parcels.", ImageFactory()),
    )
    place = LocationPageFactory(
        parent=LocationIndexPageFactory(parent=home_page),
        title="Lyon office",
        slug="lyon",
        location=lyon,
        address="12 quai Saint-Antoine\nLyon",
        image=ImageFactory(width=800, height=450),
    )
    return {"analyst": analyst, "seller": seller, "team": team, "place": place}


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def band(html: str) -> str:
    """The offer's team and places, as rendered."""
    start = html.find('<div class="offer-about">')
    return html[start : html.index("</div>\n", html.rindex("</section>", start))]


def test_an_offer_shows_its_teams_quote_and_its_places_photo(client, world):
    html = html_of(client, world["analyst"])
    about = band(html)
    assert "Your team" in about and "Where you will work" in about
    assert "Our models plan two million parcels." in about
    assert f'href="{world["team"].url}">Meet the team' in about
    assert "12 quai Saint-Antoine" in about and "<address" in about
    assert f'href="{world["place"].url}">Discover the place' in about
    assert about.count("<img") == 2  # the quote's photo and the place's
    assert 'loading="lazy"' in about and "srcset=" in about
    # Below the description, before the second Apply.
    assert html.index('id="offer-missions"') < html.index("Your team")
    assert html.index("Where you will work") < html.index("Apply for this offer")


def test_an_offer_without_team_or_place_pages_shows_no_band(client, world):
    assert 'class="offer-about"' not in html_of(client, world["seller"])


def test_a_team_without_quote_shows_its_picture_and_introduction(client, world):
    team = world["team"]
    team.quotes = []
    team.image = ImageFactory(width=800, height=450)
    team.introduction = "We turn delivery scans into forecasts."
    team.save_revision().publish()
    about = band(html_of(client, world["analyst"]))
    assert "We turn delivery scans into forecasts." in about
    assert about.count("<img") == 2  # the team's picture and the place's
    assert "Meet the team" in about


def test_unpublished_team_and_place_pages_are_not_shown(client, world):
    world["team"].unpublish()
    html = html_of(client, world["analyst"])
    assert "Your team" not in html and "Where you will work" in html
    world["place"].unpublish()
    assert 'class="offer-about"' not in html_of(client, world["analyst"])


def test_a_place_without_photo_shows_its_address(client, world):
    world["place"].image = None
    world["place"].save_revision().publish()
    about = band(html_of(client, world["analyst"]))
    assert "12 quai Saint-Antoine" in about
    assert about.count("<img") == 1  # the quote's photo only


def test_a_changed_team_page_is_seen_at_once_by_visitors(client, settings, world):
    settings.PAGE_CACHE_ENABLED = True
    PortalSettings.for_site(Site.objects.get())  # made once, at the first read
    caches["pages"].clear()
    try:
        assert client.get(world["analyst"].url)[STATUS_HEADER] == "miss"
        assert client.get(world["analyst"].url)[STATUS_HEADER] == "hit"
        team = TeamPage.objects.get(pk=world["team"].pk)
        team.quotes = quote("A new quote from the team.")
        team.save_revision().publish()
        response = client.get(world["analyst"].url)
        assert response[STATUS_HEADER] == "miss"
        assert "A new quote from the team." in response.content.decode()
    finally:
        caches["pages"].clear()


@pytest.fixture
def cdn(settings):
    """A CDN configured; the addresses it is asked to purge."""
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged: list[str] = []
    with mock.patch(
        "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
        side_effect=lambda urls, *args, **kwargs: purged.extend(urls),
    ):
        yield purged


def test_publishing_a_team_page_purges_its_offers_from_the_cdn(cdn, world):
    team = TeamPage.objects.get(pk=world["team"].pk)
    team.save_revision().publish()
    assert world["analyst"].full_url in cdn
    assert world["seller"].full_url not in cdn
    cdn.clear()
    team.unpublish()
    assert world["analyst"].full_url in cdn


def test_publishing_a_location_page_purges_its_offers_from_the_cdn(cdn, world):
    place = LocationPage.objects.get(pk=world["place"].pk)
    place.save_revision().publish()
    assert world["analyst"].full_url in cdn
    assert world["seller"].full_url not in cdn


def test_without_cdn_no_offer_is_purged(settings, world):
    settings.WAGTAILFRONTENDCACHE = {}
    purged: list[str] = []
    with mock.patch(
        "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
        side_effect=lambda urls, *args, **kwargs: purged.extend(urls),
    ):
        world["team"].save_revision().publish()
    assert world["analyst"].full_url not in purged
