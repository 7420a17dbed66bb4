from django import template
from django.utils.translation import gettext as _

from home.formatting import money
from offers.models import JobFamily, Location, OfferPage
from offers.save_toggle import save_toggle

register = template.Library()


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def latest_offers(context: template.Context, count: int = 5) -> dict:
    """The newest open offers of the page's language, for the home page."""
    page = context.get("page")
    offers = OfferPage.objects.open().order_by("-first_published_at", "-pk")
    if page is not None:
        offers = offers.filter(locale_id=page.locale_id)
    return {"offers": offers.cards()[:count], "request": context.get("request")}


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def offers_for(
    context: template.Context,
    family: JobFamily | None = None,
    location: Location | None = None,
    count: int = 3,
) -> dict:
    """The newest open offers of a family and/or a place (the "latest offers"
    page block, which names them without importing this app)."""
    offers = OfferPage.objects.open().order_by("-first_published_at", "-pk")
    if family is not None:
        offers = offers.filter(job_family=family)
    if location is not None:
        offers = offers.filter(locations=location)
    return {"offers": offers.cards()[: count or 3], "request": context.get("request")}


@register.filter
def salary_range(offer: OfferPage) -> str:
    """ "€45,000 – €55,000 per year" (in French "45 000 € – 55 000 € per year"
    translated), or "" when the offer gives no salary."""
    if offer.salary_min is None:
        return ""
    amount = money(offer.salary_min, offer.salary_currency)
    if offer.salary_max is not None and offer.salary_max != offer.salary_min:
        amount = _("%(low)s – %(high)s") % {
            "low": amount,
            "high": money(offer.salary_max, offer.salary_currency),
        }
    return f"{amount} {offer.get_salary_period_display()}"


@register.simple_tag(takes_context=True)
def offer_save_toggle(context: template.Context, offer: OfferPage) -> str:
    """The Save toggle of an offer (drawn by the app keeping saved offers)."""
    return save_toggle(context.get("request"), offer)
