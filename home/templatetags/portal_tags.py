import json
from collections.abc import Iterable
from typing import Any

from django import template
from django.forms import BoundField, CheckboxSelectMultiple, RadioSelect
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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
    return bound_field.as_widget(attrs=attrs)


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """HTML attributes as Django's ``attrs.html`` writes them: ``True`` bare,
    ``False`` left out, values escaped even when marked safe (``stringformat``)."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, f"{value}"),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _options(options: Iterable[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '<div><label{}><input type="{}" name="{}" value="{}"{}> {}</label></div>',
        (
            (
                format_html(' for="{}"', option["attrs"]["id"])
                if option["attrs"].get("id")
                else "",
                option["type"],
                option["name"],
                f"{option['value']}",
                _attributes(option["attrs"]),
                option["label"],
            )
            for option in options
        ),
    )


@register.simple_tag
def render_choices(bound_field: BoundField) -> str:
    """The boxes or radio buttons of a field, as ``{{ field }}`` renders them but
    written here instead of through a dozen widget templates per choice (most of
    the listing's rendering time). Other widgets, and choices in groups, go
    through Django's templates."""
    widget = bound_field.field.widget
    if (
        type(widget) not in (CheckboxSelectMultiple, RadioSelect)
        or bound_field.field.show_hidden_initial
    ):
        return str(bound_field)
    # The attributes BoundField.as_widget() gives the widget.
    attrs = bound_field.build_widget_attrs({}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)
    context = context["widget"]
    groups = context["optgroups"]
    if any(group_name is not None for group_name, _options_, _index in groups):
        return str(bound_field)
    div_attrs = {
        "id": context["attrs"].get("id"),
        "class": context["attrs"].get("class"),
    }
    return format_html(
        "<div{}>{}</div>",
        _attributes({name: value for name, value in div_attrs.items() if value}),
        _options(option for _name, options, _index in groups for option in options),
    )


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary links to: the field, or its first choice."""
    if widget_type(bound_field) in ("radioselect", "checkboxselectmultiple"):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
