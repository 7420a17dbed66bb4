"""What this app adds to other apps' pages: the "My consents" and "My data"
sections of "My parameters", and the erasure section of a candidate in the admin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.admin.ui.components import Component

from candidates.consent import (
    consent_history,
    live_agreements,
    optional_consent_states,
)
from candidates.models import OptionalConsent, User

# Both are needed: seeing candidates, and erasing them.
ERASE_PERMISSIONS = ("applications.view_candidates", "candidates.erase_candidate")


def can_erase_candidates(user: User) -> bool:
    return user.has_perms(ERASE_PERMISSIONS)


class MyConsentsSection(Component):
    """The versions of the agreement the candidate accepted, and the current
    answer to each optional consent."""

    template_name = "privacy/includes/my_consents.html"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        request = self.request
        # Every language's published version, the page's language first: a
        # version accepted in another language is current all the same.
        agreements = list(live_agreements())
        agreement = agreements[0] if agreements else None
        current_ids = {page.live_revision_id for page in agreements}
        states = optional_consent_states(request.user)
        consents = consent_history(request.user)
        current_revision_id = agreement.live_revision_id if agreement else None
        for consent in consents:
            consent.is_current = consent.revision_id in current_ids
        return {
            "consents": consents,
            "accepted_current": any(consent.is_current for consent in consents),
            "agreement": agreement,
            "agreement_url": agreement.get_url(request) if agreement else "",
            "current_revision_id": current_revision_id,
            "optional_consents": [
                (label, states[purpose])
                for purpose, label in OptionalConsent.Purpose.choices
            ],
        }


class MyDataSection(Component):
    """ "Download my data" and "Delete my account"."""

    template_name = "privacy/includes/my_data.html"


class CandidateErasureSection(Component):
    """The button that leads HR to the erasure of a candidate."""

    template_name = "privacy/admin/candidate_erasure_section.html"

    def __init__(self, candidate: User) -> None:
        self.candidate = candidate

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"candidate": self.candidate}
