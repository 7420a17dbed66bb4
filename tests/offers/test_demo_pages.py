"""The demo's employer pages: a home page made of the page blocks, three team
pages, three location pages, offers that each say something of their own, and
illustrations made on the spot; loading it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model

from home.models import HomePage
from offers.models import LocationPage, OfferPage, TeamPage

pytestmark = pytest.mark.django_db


def test_the_home_page_is_built_from_the_blocks(demo_site):
    kinds = {block.block_type for block in demo_site.body}
    assert {
        "key_figures",
        "text_with_image",
        "benefits",
        "quote",
        "people",
        "video",
        "gallery",
        "latest_offers",
        "call_to_action",
    } <= kinds


def test_three_teams_and_three_places_with_their_offers(demo_site, client):
    teams = TeamPage.objects.live().filter(locale__language_code="en")
    places = LocationPage.objects.live().filter(locale__language_code="en")
    assert teams.count() == 3 and places.count() == 3
    for page in [*teams, *places]:
        assert page.open_offers().exists(), page
        assert client.get(page.url).status_code == 200


def test_no_two_offers_share_their_description(demo_site):
    descriptions = [
        (str(offer.missions), str(offer.body)) for offer in OfferPage.objects.all()
    ]
    assert len(descriptions) > 40
    assert len(set(descriptions)) == len(descriptions)
    # Missions are written for each job, never the same twice.
    missions = [mission for mission, _body in descriptions]
    assert len(set(missions)) == len(missions)


def test_the_illustrations_are_made_here_and_small(demo_site):
    images = get_image_model().objects.all()
    assert images.count() >= 20
    assert all(image.file.name.split("/")[-1].startswith("demo-") for image in images)
    assert sum(image.file_size or image.file.size for image in images) < 2_000_000


def test_loading_again_adds_nothing(demo_site):
    counts = (
        TeamPage.objects.count(),
        LocationPage.objects.count(),
        get_image_model().objects.count(),
        len(HomePage.objects.get(locale__language_code="en").body),
    )
    call_command("load_demo_data", stdout=io.StringIO())
    assert counts == (
        TeamPage.objects.count(),
        LocationPage.objects.count(),
        get_image_model().objects.count(),
        len(HomePage.objects.get(locale__language_code="en").body),
    )
