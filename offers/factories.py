"""Factories of offers, shared by the tests and the demo data."""

import factory
import wagtail_factories

from .models import OfferIndexPage, OfferPage


class OfferIndexPageFactory(wagtail_factories.PageFactory):
    title = "Offers"
    slug = "offers"

    class Meta:
        model = OfferIndexPage


class OfferPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Offer {n}")
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")

    class Meta:
        model = OfferPage
