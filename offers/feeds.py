"""The RSS feed of open offers, filtered like the listing (same parameters)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.translation import gettext as _

from home.models import PortalSettings

from .models import CARD_FIELDS, OfferIndexPage, OfferPage
from .search import OfferSearch

FEED_SIZE = 50


class OfferFeed(Feed):
    """The newest open offers; ``?q=&family=&location=&contract=&remote=``."""

    def __init__(self, index: OfferIndexPage):
        super().__init__()
        self.index = index

    def get_object(self, request: HttpRequest, *args, **kwargs) -> OfferSearch:
        self.request = request
        self.organisation = PortalSettings.for_request(request).organisation_name
        return OfferSearch(request.GET, self.index.locale_id)

    def title(self, search: OfferSearch) -> str:
        return _("%(organisation)s: job offers") % {"organisation": self.organisation}

    def link(self, search: OfferSearch) -> str:
        state = search.state()
        url = self.index.get_url(self.request)
        return f"{url}?{search.querystring()}" if state else url

    def description(self, search: OfferSearch) -> str:
        return _("The newest open offers of %(organisation)s.") % {
            "organisation": self.organisation
        }

    def items(self, search: OfferSearch) -> list[OfferPage]:
        # The cards' columns and what an item says beyond them.
        offers = search.results().only(
            *CARD_FIELDS, "listing_summary", "search_description", "last_published_at"
        )
        return list(offers[:FEED_SIZE])

    def item_title(self, offer: OfferPage) -> str:
        return offer.title

    def item_link(self, offer: OfferPage) -> str:
        return offer.get_url(self.request)

    def item_description(self, offer: OfferPage) -> str:
        facts = [
            offer.job_family.name if offer.job_family else "",
            offer.get_contract_type_display(),
            ", ".join(str(place) for place in offer.locations.all()),
            offer.get_remote_policy_display(),
        ]
        summary = offer.get_listing_summary()
        return " · ".join(fact for fact in [*facts, summary] if fact)

    def item_pubdate(self, offer: OfferPage) -> datetime | None:
        return offer.first_published_at

    def item_updateddate(self, offer: OfferPage) -> datetime | None:
        return offer.last_published_at

    def item_categories(self, offer: OfferPage) -> list[str]:
        categories = [offer.get_contract_type_display()]
        if offer.job_family:
            categories.insert(0, offer.job_family.name)
        return categories
