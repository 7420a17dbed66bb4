import json

from django import template
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
    return bound_field.as_widget(attrs=attrs)


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary links to: the field, or its first choice."""
    if widget_type(bound_field) in ("radioselect", "checkboxselectmultiple"):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
