"""The demo's employer pages: a home page made of the page blocks, three team
pages, three location pages, offers that each say something of their own, and
illustrations made on the spot; loading it again changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from home.models import HomePage, PortalSettings
from offers.models import (
    LocationPage,
    OfferPage,
    QuestionSet,
    TeamPage,
    has_content,
)

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


def test_every_demo_offer_has_missions_and_profile(demo_site):
    offers = OfferPage.objects.all()
    assert offers.exists()
    for offer in offers:
        assert has_content(offer.missions) and has_content(offer.profile), offer


def test_the_demo_brand_is_drawn_here(demo_site, client):
    """A logo, a favicon and a default sharing image, made by the loader,
    shown in the header, the tab and the sharing tags."""
    portal_settings = PortalSettings.for_site(Site.objects.get(root_page=demo_site))
    logo, icon = portal_settings.logo, portal_settings.favicon
    sharing = portal_settings.social_image
    assert logo.file.name.endswith(".png") and icon.file.name.endswith(".png")
    assert (icon.width, icon.height) == (192, 192)
    assert (sharing.width, sharing.height) == (1200, 630)
    html = client.get(demo_site.url).content.decode()
    assert "site-header__logo-image" in html
    assert 'rel="icon"' in html and "img/logo.svg" not in html
    shared = re.search(r'<meta property="og:image" content="([^"]+)"', html)
    assert shared and any(
        shared[1].endswith(rendition.url) for rendition in sharing.renditions.all()
    )


def test_the_french_offers_ask_their_questions_in_french(demo_site):
    english = OfferPage.objects.get(
        locale__language_code="en", title="Maintenance technician"
    )
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    asked = [question.text for question in french.specific.application_questions()]
    assert asked == [
        "Avez-vous le permis de conduire\u00a0?",
        "Quelle est la durée de votre préavis\u00a0?",
        "À partir de quand pouvez-vous commencer\u00a0?",
    ]
    # The English offer still asks them in English, the French set is its own.
    assert english.application_questions()[1].text == "What is your notice period?"
    assert QuestionSet.objects.filter(locale__language_code="fr").count() == 1
