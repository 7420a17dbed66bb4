"""The offer editing form of the admin, and the search form of the listing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import RemotePolicy, SortOrder

MAX_QUERY_LENGTH = 100


# What a recruiter reads when publishing an offer without these sections (a
# draft may lack them: Wagtail defers required fields until publication).
REQUIRED_TO_PUBLISH = {
    "missions": _(
        "Write the missions before publishing: an offer is published with its "
        "missions and the profile sought. You can save it as a draft meanwhile."
    ),
    "profile": _(
        "Describe the profile sought before publishing: an offer is published with "
        "its missions and the profile sought. You can save it as a draft meanwhile."
    ),
}


class OfferPageForm(WagtailAdminPageForm):
    """Checks what needs several fields (an offer is somewhere or fully remote)
    and fills the empty sections of an offer from the template chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_TO_PUBLISH.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        template = cleaned_data.get("offer_template")
        if template is not None and "offer_template" in self.changed_data:
            cleaned_data.update(template.sections_for(cleaned_data))
        locations = cleaned_data.get("locations")
        remote_policy = cleaned_data.get("remote_policy")
        if (
            "locations" in self.fields
            and remote_policy != RemotePolicy.FULL_REMOTE
            and not locations
        ):
            self.add_error(
                "locations",
                _("Choose at least one location, or make the offer full remote."),
            )
        return cleaned_data


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values of a filter and drops the others, never an error:
    an old shared link to a filter that no longer exists still lists offers."""

    def clean(self, value: Any) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        known = {str(key) for key, _label in self.choices}
        return list(dict.fromkeys(str(item) for item in value if str(item) in known))


class LenientChoiceField(forms.ChoiceField):
    """A single choice that falls back to the first one when unknown."""

    def clean(self, value: Any) -> str:
        known = [str(key) for key, _label in self.choices]
        return value if value in known else known[0]


def clean_query(text: str) -> str:
    """The words of a search, without the punctuation that search syntaxes
    read as operators, and cut to a sensible length."""
    words = re.findall(r"\w+", text[: MAX_QUERY_LENGTH * 2])
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


class OfferSearchForm(forms.Form):
    """The listing's search and filters, read from and written to the address.

    The filter choices and their counts come from the caller.
    """

    q = forms.CharField(
        label=_("Keywords"),
        required=False,
        help_text=_("A job title, a skill, a city or a reference."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "autocomplete": "off",
            }
        ),
    )
    # The fieldset around the boxes takes the field's id: the boxes get their own.
    family = LenientMultipleChoiceField(
        label=_("Job family"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"id": "filter-family"}),
    )
    location = LenientMultipleChoiceField(
        label=_("Location"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"id": "filter-location"}),
    )
    contract = LenientMultipleChoiceField(
        label=_("Contract type"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"id": "filter-contract"}),
    )
    remote = LenientMultipleChoiceField(
        label=_("Remote work"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"id": "filter-remote"}),
    )
    sort = LenientChoiceField(
        label=_("Sort by"), required=False, choices=SortOrder.choices
    )

    FILTERS = ("family", "location", "contract", "remote")

    def __init__(self, data: Any, choices: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data.get("q") or "")
