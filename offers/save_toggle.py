"""The Save toggle of an offer's card and page, drawn by the app that keeps saved
offers (offers never imports it) through the ``register_offer_save_toggle`` hook:
each function takes the request (``None`` when the card is drawn without one) and
the offer and returns the toggle's HTML, or ``""``. The first toggle given wins.

Anonymous visitors may get the page from the page cache, where the toggle is the
same for everyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail import hooks

if TYPE_CHECKING:
    from .models import OfferPage

OFFER_SAVE_TOGGLE_HOOK = "register_offer_save_toggle"


def save_toggle(request: HttpRequest | None, offer: OfferPage) -> SafeString:
    """The first toggle the hooks draw for this visitor and offer."""
    for hook in hooks.get_hooks(OFFER_SAVE_TOGGLE_HOOK):
        html = hook(request, offer)
        if html:
            return html
    return SafeString("")
