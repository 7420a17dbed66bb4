"""The form candidates fill in to create or change a job alert."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from candidates.languages import language_choices
from offers.choices import ContractType, RemotePolicy
from offers.forms import OfferSearchForm, clean_query
from offers.models import JobFamily, Location

from . import keywords
from .models import JobAlert

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def alert_cap() -> int:
    """How many alerts a candidate may keep."""
    return getattr(settings, "JOB_ALERTS_MAX_PER_CANDIDATE", 10)


def slugs_in(values: list[str]) -> list[str]:
    """The values that may be slugs: junk never reaches the database."""
    return [value for value in values[:50] if SLUG.fullmatch(value)]


def initial_from_search(params: QueryDict) -> dict[str, Any]:
    """The alert that a search of the offer listing describes, read from the same
    query parameters (``q``, ``family``, ``location``, ``contract``, ``remote``);
    unknown values are left out."""
    initial: dict[str, Any] = {}
    if query := clean_query(params.get("q", "")):
        initial["keywords"] = query
    family, location, contract, remote = OfferSearchForm.FILTERS
    if slugs := slugs_in(params.getlist(family)):
        initial["job_families"] = list(
            JobFamily.objects.filter(slug__in=slugs).values_list("pk", flat=True)
        )
    if slugs := slugs_in(params.getlist(location)):
        initial["locations"] = list(
            Location.objects.filter(slug__in=slugs).values_list("pk", flat=True)
        )
    if values := [v for v in params.getlist(contract) if v in ContractType.values]:
        initial["contract_types"] = values
    if values := [v for v in params.getlist(remote) if v in RemotePolicy.values]:
        initial["remote_policies"] = values
    return initial


def in_language(model: type[JobFamily | Location], language: str) -> QuerySet:
    """The items of ``model`` in ``language``, or in the default language when
    they have no translation in it."""
    translated = model.objects.filter(locale__language_code=language)
    untranslated = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(
        translation_key__in=translated.values("translation_key")
    )
    return model.objects.filter(Q(locale__language_code=language) | untranslated)


class JobAlertForm(forms.ModelForm):
    """An alert's preferences, checked against the cap on alerts per candidate."""

    # The fieldset around a group of boxes takes the field's id; the boxes their own.
    job_families = forms.ModelMultipleChoiceField(
        label=_("Job families"),
        queryset=JobFamily.objects.all(),
        required=False,
        help_text=_("Leave all unticked for any family."),
        widget=forms.CheckboxSelectMultiple(attrs={"id": "alert-families"}),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=Location.objects.all(),
        required=False,
        help_text=_("Leave all unticked for any place."),
        widget=forms.CheckboxSelectMultiple(attrs={"id": "alert-locations"}),
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Contract types"),
        choices=ContractType.choices,
        required=False,
        help_text=_("Leave all unticked for any contract."),
        widget=forms.CheckboxSelectMultiple(attrs={"id": "alert-contracts"}),
    )
    remote_policies = forms.MultipleChoiceField(
        label=_("Remote work"),
        choices=RemotePolicy.choices,
        required=False,
        help_text=_("Leave all unticked for any."),
        widget=forms.CheckboxSelectMultiple(attrs={"id": "alert-remote"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the offers"),
        choices=language_choices,
        required=False,
        help_text=_("Leave all unticked for offers in any language."),
        widget=forms.CheckboxSelectMultiple(attrs={"id": "alert-languages"}),
    )

    class Meta:
        model = JobAlert
        fields = [
            "active",
            "keywords",
            "job_families",
            "locations",
            "contract_types",
            "remote_policies",
            "languages",
            "frequency",
        ]
        labels = {"frequency": _("How often")}
        help_texts = {"active": _("Untick and save to stop this alert.")}
        widgets = {
            "frequency": forms.RadioSelect(attrs={"id": "alert-frequency"}),
            "keywords": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, candidate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.instance.candidate = candidate
        if self.instance.pk is None:
            # A new alert sends offers in the candidate's language.
            self.fields["languages"].initial = [candidate.language]
        # Families and places in the page's language (the default language's
        # while they have no translation in it).
        for name, model in (("job_families", JobFamily), ("locations", Location)):
            self.fields[name].queryset = in_language(model, get_language())

    def clean_keywords(self) -> str:
        text = " ".join(self.cleaned_data.get("keywords", "").split())
        found = keywords.words(text)
        if text and not found:
            raise forms.ValidationError(
                _("Use letters or digits in your keywords."), code="no_words"
            )
        if len(found) > keywords.MAX_KEYWORD_WORDS:
            raise forms.ValidationError(
                _("Use at most %(max)d words.") % {"max": keywords.MAX_KEYWORD_WORDS},
                code="too_many_words",
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.instance.pk is None and self.cap_reached():
            cap = alert_cap()
            raise forms.ValidationError(
                ngettext(
                    "You already have %(count)d alert, the most you can keep. Change "
                    "it, or delete it first.",
                    "You already have %(count)d alerts, the most you can keep. "
                    "Change one, or delete one first.",
                    cap,
                )
                % {"count": cap},
                code="cap",
            )
        return cleaned_data

    def cap_reached(self) -> bool:
        return JobAlert.objects.filter(candidate=self.candidate).count() >= alert_cap()

    def save(self, commit: bool = True) -> JobAlert:
        alert = self.instance
        turned_on = alert.pk is not None and "active" in self.changed_data
        if alert.active and (turned_on or "frequency" in self.changed_data):
            alert.reactivate()  # digests count from now
        return super().save(commit)
