"""What this app declares through hooks: the candidate data it keeps (for the
privacy app) and its own cards of the candidate space's menu."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .personal_data import CANDIDATE_DATA, PERSONAL_DATA_HOOK, PersonalData
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
            title=_("My parameters"),
            text=_("Username, e-mail address, password, job alerts and your data."),
            url=reverse("candidates:parameters"),
            order=900,
        ),
    ]
