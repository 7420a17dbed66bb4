"""A small catalogue of offers that the offer tests share (built once per class)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from home.factories import make_site_root
from home.models import HomePage
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from offers.models import JobFamily, Location, OfferIndexPage, OfferPage


@dataclass
class Catalogue:
    home: HomePage
    index: OfferIndexPage
    families: dict[str, JobFamily] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)
    offers: dict[str, OfferPage] = field(default_factory=dict)

    def add(self, key: str, days_ago: int = 1, **kwargs) -> OfferPage:
        published = timezone.now() - timedelta(days=days_ago)
        kwargs.setdefault("title", key)
        kwargs.setdefault("first_published_at", published)
        kwargs.setdefault("last_published_at", published)
        offer = OfferPageFactory(parent=self.index, **kwargs)
        self.offers[key] = offer
        return offer


def build_catalogue() -> Catalogue:
    """Seven open offers across two families, three places, several contracts,
    and two closed ones (past closing date, filled)."""
    home = make_site_root()
    catalogue = Catalogue(home=home, index=OfferIndexPageFactory(parent=home))
    catalogue.families = {
        "engineering": JobFamilyFactory(name="Engineering"),
        "sales": JobFamilyFactory(name="Sales"),
        "design": JobFamilyFactory(name="Design"),  # no open offer
    }
    catalogue.places = {
        "lyon": LocationFactory(city="Lyon", region="Auvergne-Rhône-Alpes"),
        "paris": LocationFactory(city="Paris", region="Île-de-France"),
        "brussels": LocationFactory(
            city="Brussels", region="Brussels", country="Belgium", country_code="BE"
        ),
    }
    eng, sales = catalogue.families["engineering"], catalogue.families["sales"]
    lyon, paris, brussels = (catalogue.places[k] for k in ("lyon", "paris", "brussels"))
    today = timezone.localdate()
    catalogue.add(
        "Python developer",
        days_ago=1,
        job_family=eng,
        locations=[lyon],
        contract_type="permanent",
        remote_policy="hybrid",
        closing_date=today + timedelta(days=30),
    )
    catalogue.add(
        "Frontend developer",
        days_ago=2,
        job_family=eng,
        locations=[lyon, paris],
        contract_type="fixed_term",
        remote_policy="on_site",
        closing_date=today + timedelta(days=5),
    )
    catalogue.add(
        "Site reliability engineer",
        days_ago=3,
        job_family=eng,
        contract_type="permanent",
        remote_policy="full_remote",
        remote_countries="FR, BE",
    )
    catalogue.add(
        "Software intern",
        days_ago=4,
        job_family=eng,
        locations=[paris],
        contract_type="internship",
        closing_date=today,  # the last day: still open
    )
    catalogue.add(
        "Account executive",
        days_ago=5,
        job_family=sales,
        locations=[brussels],
        contract_type="permanent",
        remote_policy="hybrid",
        closing_date=today + timedelta(days=60),
    )
    catalogue.add(
        "Sales assistant",
        days_ago=6,
        job_family=sales,
        locations=[paris],
        contract_type="apprenticeship",
        body=[{"type": "paragraph", "value": "<p>Negotiation with customers.</p>"}],
    )
    catalogue.add(
        "Key account manager",
        days_ago=7,
        job_family=sales,
        locations=[lyon],
        contract_type="freelance",
        reference="KAM-2026-7",
    )
    catalogue.add(
        "Expired python tester",
        days_ago=8,
        job_family=eng,
        locations=[lyon],
        closing_date=today - timedelta(days=1),
    )
    catalogue.add(
        "Filled python lead",
        days_ago=9,
        job_family=eng,
        locations=[lyon],
        filled=True,
    )
    return catalogue


OPEN_TITLES = [
    "Python developer",
    "Frontend developer",
    "Site reliability engineer",
    "Software intern",
    "Account executive",
    "Sales assistant",
    "Key account manager",
]
CLOSED_TITLES = ["Expired python tester", "Filled python lead"]


def publish_translation(page, language_code: str = "fr", **fields):
    """``page`` copied into the locale of ``language_code`` as Wagtail makes a
    translation, with ``fields`` set, then published."""
    locale = Locale.objects.get(language_code=language_code)
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(copy).objects.get(pk=copy.pk)


def add_french(catalogue: Catalogue, titles: dict[str, str]) -> Catalogue:
    """The catalogue's home, offer index (``/fr/offres/``) and the offers named
    by ``titles`` (English key: French title) in French, as a second catalogue."""
    home = publish_translation(catalogue.home, slug="accueil")
    index = publish_translation(catalogue.index, title="Offres", slug="offres")
    french = Catalogue(home=home, index=index, families=catalogue.families)
    french.places = catalogue.places
    for key, title in titles.items():
        french.offers[key] = publish_translation(
            catalogue.offers[key], title=title, slug=slugify(title)
        )
    return french
