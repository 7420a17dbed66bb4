from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from offers.models import OfferPage

register = template.Library()


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def latest_offers(context: template.Context, count: int = 5) -> dict:
    """The newest open offers of the page's language, for the home page."""
    page = context.get("page")
    offers = OfferPage.objects.open().order_by("-first_published_at", "-pk")
    if page is not None:
        offers = offers.filter(locale_id=page.locale_id)
    return {"offers": offers.cards()[:count], "request": context.get("request")}


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
