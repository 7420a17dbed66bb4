"""The offer card (``components/offer_card.html``): its facts, escaped, and its
address, as the listing, the home page and the similar offers show it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from home.factories import make_site_root
from offers.choices import ContractType, RemotePolicy
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from offers.models import OfferPage

pytestmark = pytest.mark.django_db

CARDS = (
    '{% for offer in offers %}{% include "components/offer_card.html" %}{% endfor %}'
)


@pytest.fixture
def offers() -> list[OfferPage]:
    index = OfferIndexPageFactory(parent=make_site_root())
    places = [LocationFactory(city=city) for city in ("Lyon", "Paris", "Nantes")]
    family = JobFamilyFactory(name="R&D <labs>")
    OfferPageFactory(
        parent=index,
        title='Tester <b>"QA"</b> & co',
        job_family=family,
        locations=places,
        remote_policy=RemotePolicy.HYBRID,
        closing_date=datetime.date(2031, 3, 9),
    )
    second = OfferPageFactory(
        parent=index,
        contract_type=ContractType.INTERNSHIP,
        locations=places[:2],
        remote_policy=RemotePolicy.FULL_REMOTE,
        remote_countries="FR",
    )
    OfferPageFactory(parent=index, locations=places[2:])
    fourth = OfferPageFactory(parent=index)
    # Rows older rules allowed: no family, a contract type no longer offered.
    OfferPage.objects.filter(pk=second.pk).update(job_family=None)
    OfferPage.objects.filter(pk=fourth.pk).update(contract_type="retired_value")
    return list(OfferPage.objects.cards().order_by("pk"))


def render(source: str, offers: list[OfferPage], request=None) -> str:
    request = request or RequestFactory().get("/en/offers/")
    template = Template(source)
    return template.render(Context({"offers": offers, "request": request}))


def test_the_facts_of_a_card(offers):
    html = render(CARDS, offers[:2])
    first, second = html.split('<li class="offer-card">')[1:3]
    assert f'<a href="{offers[0].url}">' in first
    assert "Tester &lt;b&gt;&quot;QA&quot;&lt;/b&gt; &amp; co</a>" in first
    assert "<li>R&amp;D &lt;labs&gt;</li>" in first
    assert "<li>Lyon and 2 other places</li>" in first
    assert "<li>Hybrid</li>" in first
    assert "Apply by March 9, 2031" in first
    assert "<li>Lyon and 1 other place</li>" in second
    assert "<li>Internship</li>" in second
    assert "Apply by" not in second


def test_card_addresses_are_the_offers_addresses(offers):
    """A slug Wagtail percent-encodes, and offers of another index."""
    index = offers[0].get_parent()
    other_index = OfferIndexPageFactory(parent=index.get_parent(), slug="interns")
    mixed = [
        offers[0],
        OfferPageFactory(parent=index, slug="développeur-é"),
        OfferPageFactory(parent=other_index, slug="summer"),
        offers[1],
        OfferPageFactory(parent=other_index, slug="winter"),
    ]
    html = render(CARDS, mixed)
    hrefs = re.findall(r'<a href="([^"]+)">', html)
    assert hrefs == [offer.url for offer in mixed]
    assert hrefs[1] == "/en/offers/d%C3%A9veloppeur-%C3%A9/"
    assert hrefs[2] == "/en/interns/summer/"
