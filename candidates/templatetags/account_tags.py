"""What the account pages (log-in, sign-up, the code page) say about where the
candidate is going and how long a verification code works."""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account import app_settings
from django import template
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

from offers.models import OfferPage

register = template.Library()


@register.filter
def offer_to_apply_to(next_url: str | None) -> OfferPage | None:
    """The live offer whose application form ``next_url`` is, if it is one."""
    if not next_url:
        return None
    path = urlsplit(next_url).path
    try:
        slug = resolve(path).kwargs.get("slug")
    except Resolver404:
        return None
    if not slug:
        return None
    offer = (
        OfferPage.objects.live()
        .filter(slug=slug, locale__language_code=get_language())
        .first()
    )
    if offer is None or offer.apply_url() != path:
        return None
    return offer


@register.simple_tag
def code_minutes() -> int:
    """Minutes a verification code works."""
    return app_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT // 60
