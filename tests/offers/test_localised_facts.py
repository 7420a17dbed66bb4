"""An offer's salary, dates and counts written for the language of the page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from home.factories import make_site_root
from offers.factories import OfferIndexPageFactory, OfferPageFactory
from offers.templatetags.offer_tags import salary_range

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def offer(db):
    index = OfferIndexPageFactory(parent=make_site_root())
    return OfferPageFactory(
        parent=index,
        title="Python developer",
        salary_min=Decimal("45000"),
        salary_max=Decimal("55000"),
        salary_currency="EUR",
        closing_date=datetime.date(2027, 1, 31),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "€45,000 – €55,000"),
        ("fr", f"45{NBSP}000{NBSP}€ – 55{NBSP}000{NBSP}€"),
    ],
)
def test_the_salary_range_is_written_for_the_language(offer, language, expected):
    with translation.override(language):
        assert salary_range(offer).startswith(expected)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "$3,200"), ("fr", f"3{NBSP}200{NBSP}$")],
)
def test_a_fixed_salary_in_the_offers_currency(offer, language, expected):
    offer.salary_max = None
    offer.salary_min = Decimal("3200")
    offer.salary_currency = "USD"
    with translation.override(language):
        assert salary_range(offer).startswith(expected)


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Jan. 31, 2027"), ("fr", "31 janvier 2027")]
)
def test_the_cards_closing_date_is_written_for_the_language(offer, language, expected):
    with translation.override(language):
        html = render_to_string("components/offer_card.html", {"offer": offer})
    assert expected in html


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Jan. 31, 2027"), ("fr", "31 janvier 2027")]
)
def test_the_offer_pages_dates_are_written_for_the_language(
    rf, offer, language, expected
):
    request = rf.get(offer.url)
    with translation.override(language):
        html = render_to_string(
            "offers/offer_page.html", {"page": offer, "self": offer}, request
        )
    facts = html[html.index('class="offer__facts"') :]
    assert expected in facts[: facts.index("</dl>")]
