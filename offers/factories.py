"""Factories of offers and their taxonomies, shared by the tests and the demo data."""

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.html import format_html

from .choices import ContractType, RemotePolicy
from .models import (
    JobFamily,
    Location,
    LocationIndexPage,
    LocationPage,
    OfferIndexPage,
    OfferPage,
    OfferTemplate,
    TeamIndexPage,
    TeamPage,
)


class JobFamilyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Family {n}")

    class Meta:
        model = JobFamily
        django_get_or_create = ("name",)


class LocationFactory(factory.django.DjangoModelFactory):
    city = factory.Sequence(lambda n: f"City {n}")
    region = "Region"
    country = "France"
    country_code = "FR"

    class Meta:
        model = Location
        django_get_or_create = ("city", "country_code")


class OfferIndexPageFactory(wagtail_factories.PageFactory):
    title = "Offers"
    slug = "offers"

    class Meta:
        model = OfferIndexPage


def offer_body(title: str) -> list[dict]:
    """The sections after the missions and profile: benefits and process."""

    def section(heading: str, text: str) -> list[dict]:
        return [
            {"type": "heading", "value": {"text": heading, "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{text}</p>"},
        ]

    return [
        *section("What we offer", "Flexible hours, training and a yearly bonus."),
        *section(
            "Recruitment process",
            "A first call with HR, an interview with the team, then an answer "
            "within a week.",
        ),
    ]


def offer_missions(title: str) -> str:
    return format_html(
        "<p>As a {}, you join a team of eight people and take part in every step "
        "of our projects.</p>",
        title.lower(),
    )


class OfferTemplateFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Template {n}")
    missions = "<p>What the person hired will do, week by week.</p>"
    profile = "<p>The skills and experience that matter.</p>"
    body = factory.LazyFunction(lambda: offer_body(""))

    class Meta:
        model = OfferTemplate


class OfferPageFactory(wagtail_factories.PageFactory):
    """A published offer; ``locations`` takes a list of ``Location``."""

    title = factory.Sequence(lambda n: f"Offer {n}")
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    job_family = factory.SubFactory(JobFamilyFactory)
    contract_type = ContractType.PERMANENT
    remote_policy = RemotePolicy.ON_SITE
    missions = factory.LazyAttribute(lambda offer: offer_missions(offer.title))
    profile = "<p>You like clear work, shared knowledge and tools.</p>"
    body = factory.LazyAttribute(lambda offer: offer_body(offer.title))
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda offer: offer.first_published_at)

    class Meta:
        model = OfferPage
        skip_postgeneration_save = True

    @factory.post_generation
    def locations(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.locations.set(extracted)
            self.save()


class TeamIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our teams"
    slug = "teams"

    class Meta:
        model = TeamIndexPage


class TeamPageFactory(wagtail_factories.PageFactory):
    """A published team page; give it a ``job_family`` to list its offers."""

    title = factory.Sequence(lambda n: f"Team {n}")
    introduction = "We build the product and run it."
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = TeamPage


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our offices"
    slug = "offices"

    class Meta:
        model = LocationIndexPage


class LocationPageFactory(wagtail_factories.PageFactory):
    """A published location page; give it a ``location`` to list its offers."""

    title = factory.Sequence(lambda n: f"Office {n}")
    introduction = "Our office in the city centre."
    address = "1 Harbour Street\nExample City"
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = LocationPage
