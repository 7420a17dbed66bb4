"""Saved offers: a candidate keeps offers to come back to, from the offer's card or
page, and finds them under "Saved offers" in their space."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.http import url_has_allowed_host_and_scheme

from offers.models import OfferPage

from .models import SavedOffer, User

# The ids of the offers the candidate saved, read once per request however many
# cards the page shows; the forms' token, masked once per request.
_saved_ids: WeakKeyDictionary[HttpRequest, frozenset[int]] = WeakKeyDictionary()
_tokens: WeakKeyDictionary[HttpRequest, str] = WeakKeyDictionary()


def saved_offers(user: User) -> QuerySet[SavedOffer]:
    """The candidate's saved offers, newest first, with their offers."""
    return SavedOffer.objects.filter(candidate=user).select_related("offer")


def saved_offer_ids(request: HttpRequest) -> frozenset[int]:
    """The ids of the offers the logged-in visitor saved (one query a request)."""
    if request not in _saved_ids:
        _saved_ids[request] = frozenset(
            SavedOffer.objects.filter(candidate=request.user)
            .order_by()
            .values_list("offer_id", flat=True)
        )
    return _saved_ids[request]


def page_token(request: HttpRequest) -> str:
    """The CSRF token of the page's Save forms: one masked token serves them all,
    as Django's ``{% csrf_token %}`` gives one per template."""
    if request not in _tokens:
        _tokens[request] = get_token(request)
    return _tokens[request]


def save_offer(user: User, offer: OfferPage) -> SavedOffer:
    """Saves the offer for the candidate; saving it twice keeps one."""
    try:
        with transaction.atomic():
            saved, _created = SavedOffer.objects.get_or_create(
                candidate=user, offer=offer
            )
    except IntegrityError:  # saved at the same moment by another request
        saved = SavedOffer.objects.get(candidate=user, offer=offer)
    return saved


def remove_saved_offer(user: User, offer_id: int) -> bool:
    """Removes the offer from the candidate's saved offers (never another's)."""
    deleted, _rows = SavedOffer.objects.filter(
        candidate=user, offer_id=offer_id
    ).delete()
    return bool(deleted)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go back to: the ``next`` given, when it is an address of this
    site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
