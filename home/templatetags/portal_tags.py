import json
from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.forms import BoundField
from django.template import TemplateSyntaxError
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from home import formatting
from home.i18n import navigation
from home.models import PortalSettings
from home.page_cache import SHARED_PARTS_CACHE_ALIAS, content_version, is_private_path

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
def language_navigation(context) -> SimpleLazyObject:
    """The page's languages (switcher, alternates) and the header's and
    footer's links in its language; base.html names it once, and it is read
    only if a part that shows it is made (not when kept, see sharedfragment)."""
    page = context.get("page")
    request = context.get("request")
    return SimpleLazyObject(
        lambda: navigation(request, page if isinstance(page, Page) else None)
    )


#: The names under which a shared part's version and lifetime reach its key.
VERSION_VARIABLE = "shared_fragment_version"
SECONDS_VARIABLE = "shared_fragment_seconds"


class SharedFragmentNode(WagtailCacheNode):
    """A part of a public Wagtail page that is the same for every visitor,
    kept in the cache under the content's version (``content_version()``: the
    page cache's generation and the day), the language, the scheme and host,
    and what the template adds. Made afresh on previews (Wagtail's own rule),
    on any page that is not a Wagtail page (accounts, the candidate's space:
    their titles may be personal), under private addresses, and when
    ``FRAGMENT_CACHE_ENABLED`` is off."""

    def render(self, context):
        request = context.get("request")
        if (
            not settings.FRAGMENT_CACHE_ENABLED
            or request is None
            or not isinstance(context.get("page"), Page)
            or is_private_path(request.path)
        ):
            return self.nodelist.render(context)
        version = ":".join(
            (
                content_version(request),
                translation.get_language(),
                request.scheme,
                request.get_host(),
            )
        )
        with context.update(
            {
                VERSION_VARIABLE: version,
                SECONDS_VARIABLE: settings.FRAGMENT_CACHE_SECONDS,
            }
        ):
            return super().render(context)


@register.tag("sharedfragment")
def do_shared_fragment(parser, token) -> SharedFragmentNode:
    """``{% sharedfragment "name" value ... %}...{% endsharedfragment %}``: a
    part of the page that every visitor sees alike, kept under the content's
    version and the values given (see ``SharedFragmentNode``). Nothing personal
    goes inside: no user, no CSRF token, no messages."""
    nodelist = parser.parse(("endsharedfragment",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError("'sharedfragment' needs the fragment's name.")
    return SharedFragmentNode(
        nodelist,
        parser.compile_filter(SECONDS_VARIABLE),
        bits[1],
        [parser.compile_filter(bit) for bit in (VERSION_VARIABLE, *bits[2:])],
        parser.compile_filter(f'"{SHARED_PARTS_CACHE_ALIAS}"'),
    )


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
