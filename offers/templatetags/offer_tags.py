import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from offers.choices import RemotePolicy
from offers.models import NEWEST_CARD_ROWS, OfferPage, cards_from_rows

register = template.Library()


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def latest_offers(context, count: int = 5):
    """The newest open offers, for the home page."""
    rows = NEWEST_CARD_ROWS(timezone.localdate(), start=0, stop=count)
    return {
        "offers": cards_from_rows(rows),
        "request": context.get("request"),
    }


#: Slugs whose address is written as they are (others are percent-encoded).
_PLAIN_SLUG = re.compile(r"[-\w]+", re.ASCII)


@lru_cache(maxsize=4096)
def _phrase(language: str, kind: str, value: Any) -> str:
    """A card's phrase in the active language (named, for the cache), escaped:
    each is worked out once per process (Django's date formatting and
    translation lookups cost more than the rest of a card; the choice labels
    are gathered once by ``OfferPage._get_FIELD_display``)."""
    if kind == "apply_by":
        phrase = _("Apply by %(date)s") % {"date": date_format(value)}
    else:  # "others"
        phrase = ngettext(
            "and %(counter)s other place", "and %(counter)s other places", value
        ) % {"counter": value}
    return escape(phrase)


class CardWriter:
    """Writes the cards of one list, working out once what they share: the
    address of their index page (Wagtail reverses each page's address: a third
    of a card's cost), the translated labels and phrases."""

    def __init__(self, request: HttpRequest | None):
        self.request = request
        self.language = get_language()
        self.bases: dict[str, str] = {}  # a parent's url_path: its address

    def url(self, offer: OfferPage) -> str | None:
        """The offer's address: its parent's, worked out from the first of its
        children, then its slug (as Wagtail writes it for a plain slug)."""
        parent, _slash, slug = offer.url_path[:-1].rpartition("/")
        plain = _PLAIN_SLUG.fullmatch(slug) is not None
        base = self.bases.get(parent) if plain else None
        if base is not None:
            return f"{base}{slug}/"
        url = offer.get_url(request=self.request)
        if plain and url and url.endswith(f"/{slug}/"):
            self.bases[parent] = url[: -len(slug) - 1]
        return url

    def card(self, offer: OfferPage) -> str:
        """One offer of a list, as HTML with every value escaped: title, family,
        contract, places, remote work and closing date. Read from
        ``OfferPage.objects.cards()`` or ``for_cards()`` rows."""
        language = self.language
        facts = []
        if offer.job_family:
            facts.append(escape(offer.job_family.name))
        facts.append(escape(offer.get_contract_type_display()))
        if first_city := getattr(offer, "first_city", None):
            others = (getattr(offer, "place_count", None) or 0) - 1
            place = escape(first_city)
            if others > 0:
                place += " " + _phrase(language, "others", others)
            facts.append(place)
        if offer.remote_policy != RemotePolicy.ON_SITE:
            facts.append(escape(offer.get_remote_policy_display()))
        html = [
            '<li class="offer-card"><h3 class="offer-card__title"><a href="',
            escape(self.url(offer) or ""),
            '">',
            escape(offer.title),
            '</a></h3><ul class="offer-card__facts">',
            *(f"<li>{fact}</li>" for fact in facts),
            "</ul>",
        ]
        if offer.closing_date:
            apply_by = _phrase(language, "apply_by", offer.closing_date)
            html.append(f'<p class="offer-card__meta">{apply_by}</p>')
        html.append("</li>\n")
        return "".join(html)


@register.simple_tag(takes_context=True)
def offer_cards(context, offers: Iterable[OfferPage]) -> SafeString:
    """The ``<li>`` of each offer, for an ``<ul class="offer-list">``: written
    here rather than by a template included once per offer (the listing shows
    twenty), and escaped with the standard library's ``html.escape`` (what
    Django's ``escape`` calls, without its checks for lazy strings)."""
    writer = CardWriter(context.get("request"))
    cards = "".join(writer.card(offer) for offer in offers)
    return mark_safe(cards)  # noqa: S308 - every value is escaped by CardWriter


def _amount(value: Decimal) -> str:
    decimals = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimals, force_grouping=True)


@register.filter
def salary_range(offer: OfferPage) -> str:
    """ "45,000 – 55,000 EUR per year", or "" when the offer gives no salary."""
    if offer.salary_min is None:
        return ""
    amount = _amount(offer.salary_min)
    if offer.salary_max is not None and offer.salary_max != offer.salary_min:
        amount = _("%(low)s – %(high)s") % {
            "low": amount,
            "high": _amount(offer.salary_max),
        }
    return f"{amount} {offer.salary_currency} {offer.get_salary_period_display()}"
