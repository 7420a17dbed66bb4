import json
from collections.abc import Iterable
from html import escape
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.models import PortalSettings

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """A ``<script type="application/ld+json">`` element, safely escaped."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308
    )


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[tuple[str, str]]:
    """(url, label) of the footer links of the current site."""
    request = context.get("request")
    if request is None:
        return []
    return PortalSettings.for_request(request).footer_link_items(request)


@register.filter
def widget_type(bound_field) -> str:
    """The widget's class name in lower case: ``textinput``, ``checkboxinput``..."""
    name = bound_field.field.widget.__class__.__name__.lower()
    return "checkbox" if name == "checkboxinput" else name


@register.simple_tag
def render_field(bound_field) -> str:
    """The field's widget, described by its help text and error."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    return widget_html(bound_field, attrs)


def _attributes(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's ``attrs.html`` writes them: ``True`` bare,
    ``False`` left out, values escaped even when marked safe (``stringformat``)."""
    return "".join(
        f" {escape(name)}"
        if value is True
        else f' {escape(name)}="{escape(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value: Any) -> str:
    """A value escaped as ``{{ value }}`` escapes it (not when marked safe)."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


_CHOICE = '<div><label{}><input type="{}" name="{}" value="{}"{}> {}</label></div>'
_INPUTS = (forms.TextInput, forms.EmailInput, forms.URLInput, forms.NumberInput)
_CHOICES = (forms.CheckboxSelectMultiple, forms.RadioSelect)


def _choices(options: Iterable[dict[str, Any]]) -> str:
    return "".join(
        _CHOICE.format(
            f' for="{escape(option["attrs"]["id"])}"'
            if option["attrs"].get("id")
            else "",
            escape(option["type"]),
            escape(option["name"]),
            escape(f"{option['value']}"),
            _attributes(option["attrs"]),
            _text(option["label"]),
        )
        for option in options
    )


def _select_options(options: Iterable[dict[str, Any]]) -> str:
    return "".join(
        '\n  <option value="{}"{}>{}</option>\n'.format(
            escape(f"{option['value']}"),
            _attributes(option["attrs"]),
            _text(option["label"]),
        )
        for option in options
    )


def widget_html(bound_field: BoundField, attrs: dict[str, Any] | None = None) -> str:
    """``bound_field.as_widget(attrs=attrs)``, written here for the common
    widgets (text inputs, selects, boxes and radio buttons) instead of through
    Django's widget templates: about a dozen templates per choice, most of the
    listing's rendering time. Other widgets, and choices in groups, still go
    through the templates."""
    field = bound_field.field
    widget = field.widget
    kind = type(widget)
    if (
        kind not in (*_INPUTS, *_CHOICES, forms.Select)
        or field.show_hidden_initial
        or field.localize
    ):
        return bound_field.as_widget(attrs=attrs)
    # The attributes BoundField.as_widget() gives the widget.
    attrs = bound_field.build_widget_attrs(attrs or {}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)
    context = context["widget"]
    if kind in _INPUTS:
        value = context["value"]
        value = "" if value is None else f' value="{escape(f"{value}")}"'
        html = (
            f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"'
            f"{value}{_attributes(context['attrs'])}>"
        )
        return mark_safe(html)  # noqa: S308 - every value is escaped above
    groups = context["optgroups"]
    if any(group_name is not None for group_name, _options, _index in groups):
        return bound_field.as_widget(attrs=attrs)
    options = (option for _name, options, _index in groups for option in options)
    if kind is forms.Select:
        html = (
            f'<select name="{escape(context["name"])}"{_attributes(context["attrs"])}>'
            f"{_select_options(options)}\n</select>"
        )
        return mark_safe(html)  # noqa: S308 - every value is escaped above
    div_attrs = {
        "id": context["attrs"].get("id"),
        "class": context["attrs"].get("class"),
    }
    div_attrs = {name: value for name, value in div_attrs.items() if value}
    html = f"<div{_attributes(div_attrs)}>{_choices(options)}</div>"
    return mark_safe(html)  # noqa: S308 - every value is escaped above


@register.simple_tag
def render_choices(bound_field: BoundField) -> str:
    """The boxes or radio buttons of a field, as ``{{ field }}`` renders them."""
    if bound_field.field.show_hidden_initial:
        return str(bound_field)
    return widget_html(bound_field)


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary links to: the field, or its first choice."""
    if widget_type(bound_field) in ("radioselect", "checkboxselectmultiple"):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
