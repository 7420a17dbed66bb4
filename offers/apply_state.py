"""What a logged-in visitor sees in place of an offer's Apply button, from the apps
above this one (offers never imports them), through the
``register_offer_apply_state`` hook: each function takes the request and the offer
and returns an ``ApplyState``, or ``None`` when it has nothing to say. The first
state given wins.

Only logged-in visitors are asked: anonymous visitors get the offer page from the
page cache, where it is the same for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from wagtail import hooks

if TYPE_CHECKING:
    from .models import OfferPage

OFFER_APPLY_STATE_HOOK = "register_offer_apply_state"


@dataclass(frozen=True)
class ApplyState:
    """Where the visitor stands with an offer ("You applied on 3 December 2026."),
    with a link (``link_text``, ``url``). A ``pending`` state's link is the next
    step to take, shown as the button of the offer's apply bar."""

    text: str
    link_text: str
    url: str
    pending: bool = False


def apply_state(request: HttpRequest | None, offer: OfferPage) -> ApplyState | None:
    """The first state the hooks give for this visitor and offer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    for hook in hooks.get_hooks(OFFER_APPLY_STATE_HOOK):
        state = hook(request, offer)
        if state is not None:
            return state
    return None
