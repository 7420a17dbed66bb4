"""The demo loader is idempotent and gives every role a working log-in."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page

from candidates.demo import DEMO_USERS
from candidates.models import User
from offers.models import OfferPage
from offers.search import matching_offer_ids

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    pages = Page.objects.count()
    offers = OfferPage.objects.count()
    users = User.objects.count()
    call_command("load_demo_data", stdout=out)
    assert Page.objects.count() == pages
    assert OfferPage.objects.count() == offers
    assert User.objects.count() == users == len(DEMO_USERS)
    text = out.getvalue()
    for username, password, *_ in DEMO_USERS:
        assert f"{username:<10} / {password}" in text
        assert authenticate(username=username, password=password) is not None


def test_roles(demo_site):
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="hr").groups.filter(name="HR recruiters").exists()
    editor = User.objects.get(username="editor")
    assert editor.groups.filter(name="Content editors").exists()
    assert not editor.is_superuser
    candidate = User.objects.get(username="candidate")
    assert not candidate.is_staff and not candidate.groups.exists()


def test_demo_offers_are_in_the_search_index(demo_site):
    """The loader writes the index in bulk at its end: offers are found by the
    words of their title and by their place."""
    python = OfferPage.objects.get(title="Backend developer (Python)")
    live = OfferPage.objects.live()
    by_title = live.filter(pk__in=matching_offer_ids("developer"))
    assert python in by_title
    assert by_title.count() < live.count()
    assert not live.filter(pk__in=matching_offer_ids("xylophonist"))
    city = python.locations.first().city
    assert python in live.filter(pk__in=matching_offer_ids(city))
