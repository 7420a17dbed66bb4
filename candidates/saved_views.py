"""The views of saved offers: save and remove an offer, and "Saved offers" in the
candidate space."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from offers.models import OfferPage

from .saved_offers import remove_saved_offer, safe_next, save_offer, saved_offers


@never_cache
@login_required
def saved_offer_list(request: HttpRequest) -> HttpResponse:
    """ "Saved offers": the offers the candidate keeps, closed ones marked."""
    return render(
        request,
        "candidates/saved_offers.html",
        {"saved_offers": saved_offers(request.user)},
    )


@never_cache
@login_required
def save(request: HttpRequest, pk: int) -> HttpResponse:
    """Saves an offer (POST). A visitor's Save is a link that leads here through
    the log-in: the GET only asks to confirm, it never saves."""
    offer = get_object_or_404(OfferPage.objects.live(), pk=pk)
    back = safe_next(request, offer.url)
    if request.method == "POST":
        save_offer(request.user, offer)
        messages.success(
            request,
            _("“%(title)s” is in your saved offers.") % {"title": offer.title},
        )
        return redirect(back)
    return render(
        request, "candidates/save_offer_confirm.html", {"offer": offer, "next": back}
    )


@require_POST
@login_required
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Removes an offer from the candidate's saved offers (theirs only)."""
    if remove_saved_offer(request.user, pk):
        messages.success(request, _("The offer is removed from your saved offers."))
    return redirect(safe_next(request, reverse("candidates:saved_offers")))
