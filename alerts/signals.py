"""Starts the alerts of an offer when it is published for the first time."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from offers.models import OfferPage


def is_first_publication(offer: OfferPage) -> bool:
    """Wagtail sets both dates to the same instant when a page first goes live;
    every later publication moves only ``last_published_at``."""
    return (
        offer.first_published_at is not None
        and offer.first_published_at == offer.last_published_at
    )


def offer_published(sender: type, instance: OfferPage, **kwargs: Any) -> None:
    """Queues the matching once the publication is committed; later edits and
    re-publications send nothing."""
    if not is_first_publication(instance):
        return
    from .tasks import send_new_offer_alerts

    offer_id = instance.pk
    transaction.on_commit(lambda: send_new_offer_alerts.enqueue(offer_id=offer_id))
