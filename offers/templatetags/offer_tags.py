from collections.abc import Iterable
from decimal import Decimal
from html import escape

from django import template
from django.http import HttpRequest
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offers.choices import RemotePolicy
from offers.models import ListedOffer, OfferPage

register = template.Library()


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def latest_offers(context, count: int = 5):
    """The newest open offers, for the home page."""
    newest = ListedOffer.objects.open().order_by("-published_at", "-page_id")
    return {
        "offers": newest[:count].cards(),
        "request": context.get("request"),
    }


def offer_card(offer: OfferPage, request: HttpRequest | None) -> str:
    """One offer of a list, as HTML with every value escaped: title, family,
    contract, places, remote work and closing date. Read from
    ``OfferPage.objects.cards()`` or ``for_cards()`` rows."""
    facts = []
    if offer.job_family:
        facts.append(offer.job_family.name)
    facts.append(offer.get_contract_type_display())
    if first_city := getattr(offer, "first_city", None):
        others = (getattr(offer, "place_count", None) or 0) - 1
        if others > 0:
            first_city = "{} {}".format(
                first_city,
                ngettext(
                    "and %(counter)s other place",
                    "and %(counter)s other places",
                    others,
                )
                % {"counter": others},
            )
        facts.append(first_city)
    if offer.remote_policy != RemotePolicy.ON_SITE:
        facts.append(offer.get_remote_policy_display())
    html = [
        '<li class="offer-card"><h3 class="offer-card__title"><a href="',
        escape(offer.get_url(request=request)),
        '">',
        escape(offer.title),
        '</a></h3><ul class="offer-card__facts">',
        *(f"<li>{escape(fact)}</li>" for fact in facts),
        "</ul>",
    ]
    if offer.closing_date:
        apply_by = _("Apply by %(date)s") % {"date": date_format(offer.closing_date)}
        html.append(f'<p class="offer-card__meta">{escape(apply_by)}</p>')
    html.append("</li>\n")
    return "".join(html)


@register.simple_tag(takes_context=True)
def offer_cards(context, offers: Iterable[OfferPage]) -> SafeString:
    """The ``<li>`` of each offer, for an ``<ul class="offer-list">``: written
    here rather than by a template included once per offer (the listing shows
    twenty), and escaped with the standard library's ``html.escape`` (what
    Django's ``escape`` calls, without its checks for lazy strings)."""
    request = context.get("request")
    cards = "".join(offer_card(offer, request) for offer in offers)
    return mark_safe(cards)  # noqa: S308 - every value is escaped by offer_card


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
