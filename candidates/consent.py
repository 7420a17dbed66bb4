"""The Data Protection Agreement candidates accept, and the record of each
acceptance (``Consent``). The privacy work (renewal at the next log-in, history)
builds on these functions."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from home.models import DataProtectionPage

from .models import Consent, User


def current_agreement() -> DataProtectionPage | None:
    """The published Data Protection Agreement, if the site has one."""
    return DataProtectionPage.objects.live().first()


def published_revision(agreement: DataProtectionPage) -> Revision:
    """The revision of the agreement as it is published now.

    A page created without the editor (a script, the demo loader) may be live with
    no revision at all: its published content is then saved as one, once, so that
    every consent points at the exact text accepted.
    """
    if agreement.live_revision_id:
        return agreement.live_revision
    with transaction.atomic():
        page = DataProtectionPage.objects.select_for_update().get(pk=agreement.pk)
        if page.live_revision_id is None:
            revision = page.save_revision(changed=False, clean=False)
            Page.objects.filter(pk=page.pk).update(live_revision=revision)
            agreement.live_revision = revision
        else:
            agreement.live_revision = page.live_revision
    return agreement.live_revision


def record_consent(user: User, agreement: DataProtectionPage) -> Consent:
    """Records that ``user`` accepts the published version of ``agreement`` now."""
    consent, _created = Consent.objects.get_or_create(
        user=user,
        revision=published_revision(agreement),
        defaults={"accepted_at": timezone.now()},
    )
    return consent


def has_accepted_current_agreement(user: User) -> bool:
    """Whether ``user`` accepted the agreement as it is published now (True when
    the site publishes none)."""
    agreement = current_agreement()
    if agreement is None:
        return True
    return Consent.objects.filter(
        user=user, revision=published_revision(agreement)
    ).exists()
