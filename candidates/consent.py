"""The Data Protection Agreement candidates accept, the record of each acceptance
(``Consent``), its renewal when a new version is published, and the optional
consents (``OptionalConsent``) candidates may give or withdraw at any time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Revision

from home.models import DataProtectionPage

from .languages import current_language
from .models import Consent, OptionalConsent, User


def live_agreements(language: str | None = None) -> QuerySet[DataProtectionPage]:
    """Every published language version of the agreement, the one in ``language``
    (the page's language by default) first, then the default language's."""
    language = language or current_language()
    return (
        DataProtectionPage.objects.live()
        .annotate(
            language_rank=Case(
                When(locale__language_code=language, then=Value(0)),
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("language_rank", "pk")
    )


def current_agreement(language: str | None = None) -> DataProtectionPage | None:
    """The published Data Protection Agreement in ``language`` (the page's
    language by default), else in the site's default language, if the site has
    one."""
    return live_agreements(language).select_related("locale").first()


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
    """Records that ``user`` accepts the published version of ``agreement`` now,
    in the language they read it in (a translation is its own page, so its
    revision is the exact text accepted)."""
    consent, _created = Consent.objects.get_or_create(
        user=user,
        revision=published_revision(agreement),
        defaults={
            "accepted_at": timezone.now(),
            "language": agreement.locale.language_code,
        },
    )
    return consent


def current_revision_ids() -> QuerySet:
    """The published version of the agreement in each language: accepting any
    of them is accepting the agreement as it stands."""
    return DataProtectionPage.objects.live().values("live_revision_id")


def has_accepted_current_agreement(user: User) -> bool:
    """Whether ``user`` accepted the agreement as it is published now, in any
    language (True when the site publishes none)."""
    agreement = current_agreement()
    if agreement is None:
        return True
    published_revision(agreement)
    return Consent.objects.filter(
        user=user, revision_id__in=current_revision_ids()
    ).exists()


# --- Renewal: a new version asks candidates to accept it again ------------------------


@dataclass(frozen=True)
class RenewalState:
    """Where a logged-in user stands with the published agreement, read by
    ``renewal_state``."""

    revision_id: int | None  # the published version in the page's language
    agreement_path: str | None  # its Wagtail url_path, to let it be read
    accepted_current: bool
    accepted_before: bool  # some version, the current one or an earlier one
    # In a staff group (HR recruiters, content editors); only looked up when a
    # renewal would otherwise be asked.
    staff: bool

    @property
    def must_renew(self) -> bool:
        """True when the user accepted an earlier version but not the published
        one; staff never have to."""
        return (
            not self.staff
            and self.revision_id is not None
            and self.accepted_before
            and not self.accepted_current
        )


def renewal_state(user: User) -> RenewalState:
    """The published version of the agreement (in the page's language) and
    whether ``user`` accepted the published version in some language: two small
    queries (the published versions, the user's consents), and a third, whether
    the user is staff, only when a renewal would be asked. Simple queries: this
    runs on every page a logged-in user opens, and a single query joining them
    cost more to build than these take to run."""
    # Every language's published version, the page's language first.
    published = list(live_agreements().values_list("live_revision_id", "url_path"))
    current_ids = {revision for revision, _path in published if revision is not None}
    accepted = set(
        Consent.objects.filter(user_id=user.pk).values_list("revision_id", flat=True)
    )
    revision_id, agreement_path = published[0] if published else (None, None)
    accepted_current = bool(accepted & current_ids)
    staff = False
    if revision_id is not None and accepted and not accepted_current:
        staff = User.groups.through.objects.filter(user_id=user.pk).exists()
    return RenewalState(
        revision_id, agreement_path, accepted_current, bool(accepted), staff
    )


def is_staff_user(user: User) -> bool:
    """Staff (superusers, HR recruiters, content editors) accept no agreement."""
    return user.is_staff or user.is_superuser or user.groups.exists()


def must_renew_consent(request: HttpRequest) -> bool:
    """Whether the logged-in user of ``request`` has to accept the published
    agreement before going on; worked out once per request."""
    user = request.user
    if not user.is_authenticated or user.is_staff or user.is_superuser:
        return False
    state = getattr(request, "_consent_renewal_state", None)
    if state is None:
        state = renewal_state(user)
        request._consent_renewal_state = state
    return state.must_renew


def cached_renewal_state(request: HttpRequest) -> RenewalState | None:
    """The state ``must_renew_consent`` read for this request, if it did."""
    return getattr(request, "_consent_renewal_state", None)


def consent_history(user: User) -> list[Consent]:
    """Every version ``user`` accepted, newest first, with the version's date."""
    return list(
        Consent.objects.filter(user=user)
        .select_related("revision")
        .defer("revision__content")
    )


# --- Optional consents -------------------------------------------------------------


def optional_consent_states(user: User) -> dict[str, OptionalConsent | None]:
    """The latest answer of ``user`` for each optional purpose (None when never
    asked), in one query."""
    states: dict[str, OptionalConsent | None] = dict.fromkeys(
        OptionalConsent.Purpose.values
    )
    for answer in OptionalConsent.objects.filter(user=user).order_by(
        "purpose", "-answered_at", "-pk"
    ):
        if states.get(answer.purpose) is None and answer.purpose in states:
            states[answer.purpose] = answer
    return states


def optional_consent_granted(user: User, purpose: str) -> bool:
    """Whether ``user`` currently grants the optional consent ``purpose`` (never
    answered means no)."""
    latest = (
        OptionalConsent.objects.filter(user=user, purpose=purpose)
        .order_by("-answered_at", "-pk")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def record_optional_consents(
    user: User, answers: Mapping[str, bool]
) -> list[OptionalConsent]:
    """Records the answers that differ from the current ones (a purpose never
    answered counts as refused) and returns the new rows."""
    with transaction.atomic():
        # One save at a time per candidate: a double submission writes once.
        list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        current = optional_consent_states(user)
        now = timezone.now()
        changed = [
            OptionalConsent(
                user=user, purpose=purpose, granted=granted, answered_at=now
            )
            for purpose, granted in answers.items()
            if purpose in current
            and granted != bool(current[purpose] and current[purpose].granted)
        ]
        return OptionalConsent.objects.bulk_create(changed)
