"""Form fields render through Django's form renderer (``FORM_RENDERER``) and the
site's field template: label, help text and error with their ids, the widget
described by both (``aria-describedby``) and marked invalid (``aria-invalid``),
groups of boxes and radio buttons as fieldsets, and the ids that the error
summary links to."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from home.templatetags.portal_tags import error_anchor
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
    picked = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect(attrs={"id": "picked"}),
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
    agree = forms.BooleanField(label="I agree", help_text="Read it first.")
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


FORMS = [
    ChoicesForm(),
    ChoicesForm(auto_id="field-%s"),
    ChoicesForm({"many": ["rd", "1", "unknown"], "one": "it's", "picked": "a"}),
    ChoicesForm({"one": "nope", "age": "old", "email": "nope", "search": "x" * 101}),
    ChoicesForm({"search": 'say "hi" & <go>', "age": "12", "sort": "closing"}),
]
GROUPS = ("many", "one", "frozen", "picked", "grouped")


class Elements(HTMLParser):
    """The attributes of every element of a piece of HTML, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def ids(self) -> set[str]:
        return {attrs["id"] for _tag, attrs in self.elements if attrs.get("id")}

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


def test_fields_render_through_the_project_templates():
    assert settings.FORM_RENDERER == "django.forms.renderers.TemplatesSetting"
    assert isinstance(ChoicesForm().renderer, TemplatesSetting)
    origin = Path(get_template("django/forms/field.html").origin.name)
    assert origin == Path(settings.BASE_DIR) / "templates/django/forms/field.html"
    # {{ form }} lays its fields out with the same template.
    assert 'class="form-field form-field--textinput"' in str(ChoicesForm())


def test_text_input_with_help_text_and_error():
    field = ChoicesForm({"search": 'x & "y"' + "x" * 100})["search"]
    assertHTMLEqual(
        field.as_field_group(),
        """
        <div class="form-field form-field--error form-field--textinput">
          <label for="id_search">
            Search <span class="form-field__required" aria-hidden="true">*</span>
          </label>
          <p class="form-field__help" id="id_search_helptext">
            Words <b>or</b> phrases.
          </p>
          <p class="form-field__error" id="id_search_error">
            <span class="visually-hidden">Error:</span>
            Ensure this value has at most 100 characters (it has 107).
          </p>
          <input type="search" name="search" value="x &amp; &quot;y&quot;{}"
            autocomplete="off" maxlength="100" required aria-invalid="true"
            aria-describedby="id_search_helptext id_search_error" id="id_search">
        </div>
        """.format("x" * 100),
    )


def test_field_without_help_text_or_error():
    assertHTMLEqual(
        ChoicesForm()["note"].as_field_group(),
        """
        <div class="form-field form-field--textarea">
          <label for="id_note">Note</label>
          <textarea name="note" cols="40" rows="3" id="id_note"></textarea>
        </div>
        """,
    )


def test_checkbox_beside_its_label():
    assertHTMLEqual(
        ChoicesForm({"x": "1"})["agree"].as_field_group(),
        """
        <div class="form-field form-field--error form-field--checkbox">
          <p class="form-field__error" id="id_agree_error">
            <span class="visually-hidden">Error:</span> This field is required.
          </p>
          <div class="form-field__checkbox">
            <input type="checkbox" name="agree" required aria-invalid="true"
              aria-describedby="id_agree_helptext id_agree_error" id="id_agree">
            <label for="id_agree">
              I agree <span class="form-field__required" aria-hidden="true">*</span>
            </label>
          </div>
          <p class="form-field__help" id="id_agree_helptext">Read it first.</p>
        </div>
        """,
    )


def test_radio_buttons_in_a_fieldset_described_by_help_text_and_error():
    assertHTMLEqual(
        ChoicesForm({"picked": "z"})["picked"].as_field_group(),
        """
        <div class="form-field form-field--error form-field--radioselect">
          <fieldset class="form-field__fieldset" aria-describedby="id_picked_error">
            <legend>
              Picked <span class="form-field__required" aria-hidden="true">*</span>
            </legend>
            <p class="form-field__error" id="id_picked_error">
              <span class="visually-hidden">Error:</span>
              Select a valid choice. z is not one of the available choices.
            </p>
            <div id="picked">
              <div><label for="picked_0"><input type="radio" name="picked" value="a"
                required aria-invalid="true" id="picked_0"> A</label></div>
              <div><label for="picked_1"><input type="radio" name="picked" value="b"
                required aria-invalid="true" id="picked_1"> B</label></div>
            </div>
          </fieldset>
        </div>
        """,
    )
    html = ChoicesForm({"one": "nope"})["one"].as_field_group()
    fieldset = Elements(html).all("fieldset")[0]
    assert fieldset["aria-describedby"] == "id_one_helptext id_one_error"
    # The buttons are described by their fieldset, not one by one.
    assert all("aria-describedby" not in i for i in Elements(html).all("input"))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", list(ChoicesForm.base_fields))
def test_the_widget_is_djangos_own(form, name):
    """Labels and values escaped once, safe labels kept, choices in groups, the
    disabled and checked boxes: the widget is what Django's templates write."""
    field = form[name]
    assertInHTML(str(field), field.as_field_group())


@pytest.mark.parametrize("form", FORMS)
def test_every_reference_points_at_an_element_of_the_field(form):
    for field in form:
        html = field.as_field_group()
        elements = Elements(html)
        ids = elements.ids()
        for attrs in elements.all("label"):
            if field.name == "grouped" and "for" not in attrs:
                continue  # the name of a group of choices labels no input
            assert attrs.get("for") in ids, (field.name, attrs)
        for _tag, attrs in elements.elements:
            for target in (attrs.get("aria-describedby") or "").split():
                assert target in ids, (field.name, target)
        if field.errors:
            assert f"{field.auto_id}_error" in ids
            assert all(i["aria-invalid"] == "true" for i in elements.all("input"))
            assert error_anchor(field) in ids, field.name
        if field.help_text:
            assert f"{field.auto_id}_helptext" in ids
        if field.name in GROUPS:
            assert len(elements.all("fieldset")) == len(elements.all("legend")) == 1
        else:
            assert not elements.all("fieldset")


def test_error_anchors():
    form = ChoicesForm({"one": "nope", "search": "x" * 101, "picked": "z"})
    assert error_anchor(form["search"]) == "id_search"
    assert error_anchor(form["one"]) == "id_one_0"
    # A group with an id of its own: its boxes take it.
    assert error_anchor(form["picked"]) == "picked_0"
    assert error_anchor(form["frozen"]) == "frozen-boxes_0"


def test_the_error_summary_links_to_the_fields():
    form = ChoicesForm({"one": "nope", "search": "x" * 101, "picked": "z"})
    summary = render_to_string("components/form_errors.html", {"form": form})
    fields = "".join(field.as_field_group() for field in form)
    links = [a["href"] for a in Elements(summary).all("a")]
    assert links == [
        "#id_one_0",
        "#picked_0",
        "#id_search",
        "#id_country",
        "#id_agree",
    ]
    ids = Elements(fields).ids()
    assert all(link.removeprefix("#") in ids for link in links)


def test_the_listing_filters():
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
    html = form["family"].as_field_group()
    assert html.count("<fieldset") == 1
    assertInHTML("<legend>Job family</legend>", html)
    assert 'id="filter-family"' in html
    assertInHTML(
        '<label for="filter-family_1"><input type="checkbox" name="family" '
        'value="sales" id="filter-family_1" checked> Sales &amp; more (1)</label>',
        html,
    )
    assert 'class="form-field form-field--checkboxselectmultiple"' in html
    query = Elements(form["q"].as_field_group()).all("input")[0]
    assert query["type"] == "search"
    assert query["aria-describedby"] == "id_q_helptext"
