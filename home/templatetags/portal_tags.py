import json

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.i18n import LanguageNavigation, navigation

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
def language_navigation(context) -> LanguageNavigation:
    """The page's languages (switcher, alternates) and the header's and
    footer's links in its language; base.html reads it once."""
    page = context.get("page")
    return navigation(context.get("request"), page if isinstance(page, Page) else None)


@register.filter
def widget_type(bound_field: BoundField) -> str:
    """The widget's class name in lower case: ``textinput``, ``checkbox``...

    ``components/form_field.html`` picks its layout and modifier class by it.
    """
    name = bound_field.field.widget.__class__.__name__.lower()
    return "checkbox" if name == "checkboxinput" else name


@register.filter
def error_anchor(bound_field: BoundField) -> str:
    """The id an error summary links to: the field's input, or its first choice."""
    if widget_type(bound_field) in ("radioselect", "checkboxselectmultiple"):
        widget = bound_field.field.widget
        return widget.id_for_label(widget.attrs.get("id") or bound_field.auto_id, "0")
    return bound_field.id_for_label
