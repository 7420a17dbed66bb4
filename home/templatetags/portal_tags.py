import json
from urllib.parse import urljoin

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home import formatting
from home.i18n import LanguageNavigation, navigation
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


@register.filter
def grouped(value) -> str:
    """A count with the thousands grouped as the current language does
    ("1,234" in English, "1 234" in French)."""
    return formatting.grouped(value, 0)


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


@register.inclusion_tag("components/sharing_meta.html", takes_context=True)
def sharing_meta(context) -> dict:
    """Open Graph and Twitter card tags of the current page: its title, what it
    says of itself, its own sharing image or the site's default, its address."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not hasattr(page, "get_full_url"):
        return {}
    portal_settings = PortalSettings.for_request(request)
    url = page.get_full_url(request)
    if not url:
        return {}
    # A page may give it in its context, from what it read already.
    description = context.get("sharing_description")
    if description is None:
        describe = getattr(page, "get_sharing_description", None)
        description = describe() if describe else page.search_description
    image_id = getattr(page, "social_image_id", None) or portal_settings.social_image_id
    image = None
    if image_id:
        source = (
            page.social_image
            if getattr(page, "social_image_id", None)
            else portal_settings.social_image
        )
        rendition = source.get_rendition("fill-1200x630-c100|format-jpeg")
        image = {
            "url": urljoin(url, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt,
        }
    return {
        "title": page.seo_title or page.title,
        "description": description,
        "url": url,
        "type": getattr(page, "sharing_type", "website"),
        "site_name": portal_settings.organisation_name,
        "image": image,
    }
