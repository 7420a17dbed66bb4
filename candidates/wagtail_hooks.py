"""What this app declares through hooks: the candidate data it keeps (for the
privacy app) and its own cards of the candidate space's menu."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail import hooks

from offers.models import OfferPage
from offers.save_toggle import OFFER_SAVE_TOGGLE_HOOK

from .personal_data import CANDIDATE_DATA, PERSONAL_DATA_HOOK, PersonalData
from .saved_offers import page_token, saved_offer_ids
from .sections import SPACE_LINKS_HOOK, SpaceLink


@hooks.register(PERSONAL_DATA_HOOK)
def register_personal_data() -> PersonalData:
    return CANDIDATE_DATA


@hooks.register(SPACE_LINKS_HOOK)
def register_space_links(request: HttpRequest) -> list[SpaceLink]:
    return [
        SpaceLink(
            title=_("My profile"),
            text=_("Identity, contact details, experience and education."),
            url=reverse("candidates:profile"),
            order=100,
        ),
        SpaceLink(
            title=_("My documents"),
            text=_("Your CVs and letters, ready for each application."),
            url=reverse("candidates:documents"),
            order=200,
        ),
        SpaceLink(
            title=_("Saved offers"),
            text=_("The offers you keep to come back to."),
            url=reverse("candidates:saved_offers"),
            order=400,
        ),
        SpaceLink(
            title=_("My parameters"),
            text=_("Username, e-mail address, password, job alerts and your data."),
            url=reverse("candidates:parameters"),
            order=900,
        ),
    ]


@hooks.register(OFFER_SAVE_TOGGLE_HOOK)
def offer_save_toggle(request: HttpRequest | None, offer: OfferPage) -> SafeString:
    """Save / Saved on an offer's card and page: a form for a logged-in visitor,
    showing whether they saved it; for anyone else, the same link for all (pages are
    cached for them) that saves it once they log in, then shows the offer."""
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated
    save_url = reverse("candidates:save_offer", args=[offer.pk])
    context = {
        "offer": offer,
        "logged_in": logged_in,
        "saved": logged_in and offer.pk in saved_offer_ids(request),
        "save_url": save_url,
        # A visitor comes back to the offer, which then says "Saved" (the
        # link is the same on every cached page); a candidate to this page.
        "next": request.get_full_path() if logged_in else offer.url,
    }
    if logged_in:
        context["remove_url"] = reverse(
            "candidates:remove_saved_offer", args=[offer.pk]
        )
        # The form's token, given as is (rendering with the request would run
        # every context processor once per card), masked once per page.
        context["csrf_token"] = page_token(request)
    return render_to_string("candidates/includes/save_toggle.html", context)
