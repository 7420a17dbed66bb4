"""The widgets written by ``render_choices`` and ``render_field`` (boxes, radio
buttons, selects, text inputs) are those Django's widget templates write,
without going through them."""

from __future__ import annotations

import pytest
from django import forms
from django.forms import BoundField
from django.utils.safestring import mark_safe
from pytest_django.asserts import assertHTMLEqual

from home.templatetags.portal_tags import render_choices, render_field
from offers.forms import OfferSearchForm

CHOICES = [
    ("rd", "R&D <lab> (3)"),
    ("it's", mark_safe("<b>Bold</b> label")),  # noqa: S308 - a label marked safe
    (1, "One"),
    ("", "None at all"),
]


class ChoicesForm(forms.Form):
    many = forms.MultipleChoiceField(
        label="Many",
        required=False,
        choices=CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    one = forms.ChoiceField(
        label="One",
        choices=CHOICES,
        widget=forms.RadioSelect(
            attrs={"class": "radios", "data-x": 'a "b"', "data-empty": ""}
        ),
        help_text="Pick one.",
    )
    frozen = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        disabled=True,
        initial=["rd", 1],
        widget=forms.CheckboxSelectMultiple(attrs={"id": "frozen-boxes"}),
    )
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Group", [("a", "A"), ("b", "B")]), ("c", "C")],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(required=False)
    search = forms.CharField(
        label="Search",
        max_length=100,
        help_text="Words <b>or</b> phrases.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    email = forms.EmailField(required=False, initial="a&b@example.com")
    website = forms.URLField(required=False, disabled=True, assume_scheme="https")
    age = forms.IntegerField(required=False, min_value=0)
    sort = forms.ChoiceField(
        choices=[("newest", "Newest first"), ("closing", "Closing <soon>")],
        required=False,
    )
    country = forms.ChoiceField(
        choices=[("", "---------"), ("fr", "France")], help_text="Where you live."
    )
    secret = forms.CharField(required=False, widget=forms.PasswordInput)


def fast_path(bound_field: BoundField, monkeypatch) -> str:
    """render_choices' output, failing if it fell back to the widget templates."""
    monkeypatch.setattr(
        BoundField, "as_widget", lambda *args, **kwargs: pytest.fail("templates")
    )
    try:
        return render_choices(bound_field)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize(
    "form",
    [
        ChoicesForm(),
        ChoicesForm(auto_id=False),
        ChoicesForm(auto_id="field-%s"),
        ChoicesForm({"many": ["rd", "1", "unknown"], "one": "it's"}),
        ChoicesForm({"many": ["", "1"], "one": "1"}),
        ChoicesForm({"one": "nope"}),  # an error: aria-invalid on each button
    ],
)
@pytest.mark.parametrize("name", ["many", "one", "frozen"])
def test_same_markup_as_the_widget_templates(form, name, monkeypatch):
    bound_field = form[name]
    expected = str(bound_field)
    assertHTMLEqual(fast_path(bound_field, monkeypatch), expected)


def test_the_listing_filters_are_unchanged(monkeypatch):
    form = OfferSearchForm(
        {"family": ["sales", "data"], "remote": "hybrid", "q": "x"},
        choices={
            "family": [("data", "Data (3)"), ("sales", "Sales & more (1)")],
            "location": [("lyon", "Lyon, France (2)")],
            "contract": [],
            "remote": [("hybrid", "Hybrid (4)"), ("on_site", "On site (0)")],
        },
    )
    form.is_valid()
    for name in OfferSearchForm.FILTERS:
        expected = str(form[name])
        html = fast_path(form[name], monkeypatch)
        assertHTMLEqual(html, expected)
    assert 'id="filter-family"' in render_choices(form["family"])
    assert (
        '<label for="filter-family_1"><input type="checkbox" name="family" '
        'value="sales" id="filter-family_1" checked> Sales &amp; more (1)</label>'
    ) in render_choices(form["family"])


@pytest.mark.parametrize(
    "form",
    [
        ChoicesForm(),
        ChoicesForm(auto_id=False),
        ChoicesForm(
            {"search": 'say "hi" & <go>', "age": "12", "sort": "closing", "one": "1"}
        ),
        ChoicesForm({"age": "old", "email": "nope", "search": "x" * 101}),  # errors
    ],
)
@pytest.mark.parametrize(
    "name", ["text", "search", "email", "website", "age", "sort", "country"]
)
def test_inputs_and_selects_as_the_widget_templates(form, name, monkeypatch):
    bound_field = form[name]
    described_by = []  # what render_field adds: the help text and the error
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    expected = bound_field.as_widget(attrs=attrs)
    monkeypatch.setattr(
        BoundField, "as_widget", lambda *args, **kwargs: pytest.fail("templates")
    )
    assert render_field(bound_field) == expected


def test_groups_and_other_widgets_go_through_the_templates():
    form = ChoicesForm({"secret": "hidden"})
    for name in ("grouped", "secret"):
        assertHTMLEqual(render_choices(form[name]), str(form[name]))
        assertHTMLEqual(render_field(form[name]), str(form[name]))
