from django import template

from offers.models import OfferPage

register = template.Library()


@register.inclusion_tag("components/offer_list.html", takes_context=True)
def latest_offers(context, count: int = 5):
    """The newest open offers, for the home page."""
    offers = OfferPage.objects.open().order_by("-first_published_at")[:count]
    return {"offers": list(offers), "request": context.get("request")}
