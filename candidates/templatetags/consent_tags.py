"""The "My consents" section of "My parameters"."""

from typing import Any

from django import template

from ..consent import consent_history, current_agreement, optional_consent_states
from ..models import OptionalConsent

register = template.Library()


@register.inclusion_tag("candidates/consent_section.html", takes_context=True)
def my_consents(context: template.Context) -> dict[str, Any]:
    """The versions of the agreement the candidate accepted, and the current
    answer to each optional consent."""
    request = context["request"]
    agreement = current_agreement()
    states = optional_consent_states(request.user)
    consents = consent_history(request.user)
    current_revision_id = agreement.live_revision_id if agreement else None
    return {
        "consents": consents,
        "accepted_current": any(
            consent.revision_id == current_revision_id for consent in consents
        ),
        "agreement": agreement,
        "agreement_url": agreement.get_url(request) if agreement else "",
        "current_revision_id": current_revision_id,
        "optional_consents": [
            (label, states[purpose])
            for purpose, label in OptionalConsent.Purpose.choices
        ],
    }
