"""What the apps above this one add to the candidate space, through three hooks
(candidates never imports them):

- ``register_candidate_space_links``: each function takes the request and returns
  a list of ``SpaceLink``, the cards of the space's menu ("My applications"...);
- ``register_candidate_parameters_sections``: each function takes the request and
  returns a list of components (``wagtail.admin.ui.components.Component``), the
  sections of "My parameters" after the account's ("My alerts", "My consents"...),
  in the order of ``INSTALLED_APPS``;
- ``register_candidate_space_sections``: each function takes the request and
  returns a list of components, shown on the space's first screen above its menu
  (drafts to finish, applications and their status), in the order of
  ``INSTALLED_APPS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail import hooks

SPACE_LINKS_HOOK = "register_candidate_space_links"
PARAMETERS_SECTIONS_HOOK = "register_candidate_parameters_sections"
SPACE_SECTIONS_HOOK = "register_candidate_space_sections"


@dataclass(frozen=True)
class SpaceLink:
    """A card of the candidate space's menu, placed by ``order`` (this app's:
    profile 100, documents 200, parameters 900)."""

    title: str
    text: str
    url: str
    order: int = 500


def space_links(request: HttpRequest) -> list[SpaceLink]:
    """The cards of the candidate space's menu, in their order."""
    links = [
        link for hook in hooks.get_hooks(SPACE_LINKS_HOOK) for link in hook(request)
    ]
    return sorted(links, key=lambda link: link.order)


def parameters_sections(request: HttpRequest) -> list[SafeString]:
    """The sections the other apps add to "My parameters", rendered."""
    context = {"request": request}
    return [
        section.render_html(context)
        for hook in hooks.get_hooks(PARAMETERS_SECTIONS_HOOK)
        for section in hook(request)
    ]


def space_sections(request: HttpRequest) -> list[SafeString]:
    """The sections the other apps add to the space's first screen, rendered."""
    context = {"request": request}
    return [
        section.render_html(context)
        for hook in hooks.get_hooks(SPACE_SECTIONS_HOOK)
        for section in hook(request)
    ]
