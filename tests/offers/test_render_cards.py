"""The offer cards written by ``{% offer_cards %}`` are those the former
``components/offer_card.html`` template wrote, included once per offer."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from pytest_django.asserts import assertHTMLEqual

from home.factories import make_site_root
from offers.choices import ContractType, RemotePolicy
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from offers.models import ListedOffer, Location, OfferPage

pytestmark = pytest.mark.django_db

# The template the tag replaces, word for word.
FORMER_CARD = """{% load i18n wagtailcore_tags %}
<li class="offer-card">
    <h3 class="offer-card__title"><a href="{% pageurl offer %}">{{ offer.title }}</a></h3>
    <ul class="offer-card__facts">
        {% if offer.job_family %}<li>{{ offer.job_family.name }}</li>{% endif %}
        <li>{{ offer.get_contract_type_display }}</li>
        {% if offer.first_city %}<li>{{ offer.first_city }}{% if offer.place_count > 1 %} {% blocktranslate count counter=offer.place_count|add:"-1" %}and {{ counter }} other place{% plural %}and {{ counter }} other places{% endblocktranslate %}{% endif %}</li>{% endif %}
        {% if offer.remote_policy != "on_site" %}<li>{{ offer.get_remote_policy_display }}</li>{% endif %}
    </ul>
    {% if offer.closing_date %}<p class="offer-card__meta">{% blocktranslate with date=offer.closing_date|date:"DATE_FORMAT" %}Apply by {{ date }}{% endblocktranslate %}</p>{% endif %}
</li>"""  # noqa: E501


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
    ListedOffer.rebuild()  # as after any update that skips save()
    return list(OfferPage.objects.for_cards().order_by("pk"))


def render(source: str, offers: list[OfferPage], request=None) -> str:
    request = request or RequestFactory().get("/offers/")
    template = Template(source)
    return template.render(Context({"offers": offers, "request": request}))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_same_cards_as_the_former_template(offers, language):
    with translation.override(language):
        former = render(
            "{% for offer in offers %}" + FORMER_CARD + "{% endfor %}", offers
        )
        html = render("{% load offer_tags %}{% offer_cards offers %}", offers)
    assertHTMLEqual(html, former)
    assert html.count('<li class="offer-card">') == 4


def test_the_facts_of_a_card(offers):
    html = render("{% load offer_tags %}{% offer_cards offers %}", offers[:2])
    first, second = html.split("</li>\n")[:2]
    assert f'<a href="{offers[0].url}">' in first
    assert "Tester &lt;b&gt;&quot;QA&quot;&lt;/b&gt; &amp; co</a>" in first
    assert "<li>R&amp;D &lt;labs&gt;</li>" in first
    assert "<li>Lyon and 2 other places</li>" in first
    assert "<li>Hybrid</li>" in first
    assert "Apply by March 9, 2031" in first
    assert "<li>Lyon and 1 other place</li>" in second
    assert "<li>Internship</li>" in second
    assert "Apply by" not in second


def test_cards_from_the_listing_rows_are_those_of_the_offers(
    offers, django_assert_num_queries
):
    """The listing, the home page and the similar offers read their cards from
    the narrow listing rows, in two queries (one when the cities are known),
    and nothing more while they are written."""
    tag = "{% load offer_tags %}{% offer_cards offers %}"
    request = RequestFactory().get("/")
    full = render(tag, offers, request)  # the request now knows its site
    ids = [offer.pk for offer in offers]
    with django_assert_num_queries(2):
        cards = OfferPage.objects.cards([*ids, 999_999])  # an unknown id: left out
    with django_assert_num_queries(0):
        assert render(tag, cards, request) == full
    cities = dict(Location.objects.order_by("city").values_list("pk", "city"))
    with django_assert_num_queries(1):
        backwards = OfferPage.objects.cards(ids[::-1], cities)
    assert [card.pk for card in backwards] == ids[::-1]
    assert render(tag, backwards[::-1], request) == full


def test_a_card_leaves_out_a_place_deleted_since(offers):
    lyon = Location.objects.get(city="Lyon")
    lyon.delete()  # the listing rows still name it until rebuilt
    card = OfferPage.objects.cards([offers[0].pk])[0]
    assert (card.first_city, card.place_count) == ("Nantes", 2)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_choice_labels_are_those_django_gives(offers, language):
    """OfferPage answers get_<field>_display() from labels gathered once."""
    from django.db.models import Model

    offer = OfferPage.objects.get(pk=offers[0].pk)
    fields = [f for f in OfferPage._meta.concrete_fields if f.choices]
    assert {f.name for f in fields} >= {"contract_type", "remote_policy"}
    with translation.override(language):
        for value in [
            None,
            "retired_value",
            *(v for f in fields for v, _ in f.flatchoices),
        ]:
            for field in fields:
                setattr(offer, field.attname, value)
                mine = getattr(offer, f"get_{field.name}_display")()
                assert mine == Model._get_FIELD_display(offer, field), (field, value)


def test_card_addresses_are_the_offers_addresses(offers):
    """Cards work out the index's address once; a slug Wagtail percent-encodes
    and offers of another index keep their own addresses."""
    index = offers[0].get_parent()
    other_index = OfferIndexPageFactory(parent=index.get_parent(), slug="interns")
    mixed = [
        offers[0],
        OfferPageFactory(parent=index, slug="développeur-é"),
        OfferPageFactory(parent=other_index, slug="summer"),
        offers[1],
        OfferPageFactory(parent=other_index, slug="winter"),
    ]
    html = render("{% load offer_tags %}{% offer_cards offers %}", mixed)
    hrefs = re.findall(r'<a href="([^"]+)">', html)
    assert hrefs == [offer.url for offer in mixed]
    assert hrefs[1] == "/offers/d%C3%A9veloppeur-%C3%A9/"
    assert hrefs[2] == "/interns/summer/"
