"""The site's languages as visitors meet them: the switcher, the alternate
links of the head, the header's and footer's links in the page's language.

Everything reads ``settings.LANGUAGES``: a third language needs no change here.
The header's link to the offers is the page type an upper app names through
the ``register_offers_page_type`` hook (home never imports offers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

OFFERS_PAGE_TYPE_HOOK = "register_offers_page_type"


@dataclass
class LanguageVersion:
    """The current page in one language: ``exact`` when it is its translation,
    else the nearest translated page above it (the home, the offer index)."""

    code: str
    name: str
    url: str
    exact: bool
    current: bool


@dataclass
class LanguageNavigation:
    """What the header, the footer and the head show about languages."""

    versions: list[LanguageVersion] = field(default_factory=list)
    home_url: str = "/"
    offers_url: str = ""
    footer_links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def others(self) -> list[LanguageVersion]:
        return [version for version in self.versions if not version.current]

    @property
    def alternates(self) -> list[LanguageVersion]:
        """The versions that are this very page (hreflang alternates)."""
        return [version for version in self.versions if version.exact]

    @property
    def default(self) -> LanguageVersion | None:
        """The ``x-default`` alternate: the default language's version."""
        return next(
            (v for v in self.alternates if v.code == settings.LANGUAGE_CODE), None
        )


def language_name(code: str) -> str:
    """The language's own name: "English", "Français"."""
    return translation.get_language_info(code)["name_local"].capitalize()


def home_url(code: str) -> str:
    """The home page's address in the language ``code``."""
    with translation.override(code):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:  # Wagtail's pages not routed (never on this site)
            return "/"


def navigation(request: HttpRequest | None, page: Page | None) -> LanguageNavigation:
    """The languages of ``page`` (a Wagtail page) or of the view answering
    ``request``, in one query whatever the number of languages and links (two
    for a page below the home: the keys of the pages above it first)."""
    from home.models import PortalSettings

    current = translation.get_language()
    codes = [code for code, _name in settings.LANGUAGES]
    footer = []
    if request is not None:
        footer = [
            (link["page"], link["label"])
            for link in (
                block.value
                for block in PortalSettings.for_request(request).footer_links
            )
            if link["page"] is not None
        ]
    # Read once per process (ContentType's own cache).
    offers_types = [
        ContentType.objects.get_for_model(model).pk
        for hook in hooks.get_hooks(OFFERS_PAGE_TYPE_HOOK)
        if (model := hook()) is not None
    ]
    wanted = Q(content_type_id__in=offers_types)
    if footer:
        wanted |= Q(
            translation_key__in=[linked.translation_key for linked, _ in footer]
        )
    is_page = isinstance(page, Page) and page.pk is not None and page.depth
    above = Value(False, output_field=BooleanField())
    if is_page:
        # The page's own translations and those of the pages above it. The
        # keys above are read first (a few rows from the path index): as a
        # subquery they would make the database read every page, offers
        # included, to test each against it.
        wanted |= Q(translation_key=page.translation_key)
        lineage_keys = []
        if page.depth > 2:  # the home's only ancestor is Wagtail's root
            lineage_keys = list(
                Page.objects.ancestor_of(page)
                .filter(depth__gt=1)
                .values_list("translation_key", flat=True)
            )
        if lineage_keys:
            lineage = Q(translation_key__in=lineage_keys)
            wanted |= lineage
            above = ExpressionWrapper(lineage, output_field=BooleanField())
    found = list(
        Page.objects.live()
        .filter(wanted, locale__language_code__in=codes)
        .annotate(above=above)
        .select_related("locale")
        .only(
            "url_path",
            "depth",
            "title",
            "content_type_id",
            "translation_key",
            "locale__language_code",
        )
    )
    by_key = {(p.translation_key, p.locale.language_code): p for p in found}

    nav = LanguageNavigation(home_url=home_url(current))
    indexes = {
        p.locale.language_code: p for p in found if p.content_type_id in offers_types
    }
    index = indexes.get(current) or indexes.get(settings.LANGUAGE_CODE)
    nav.offers_url = index.get_url(request) if index else ""

    for linked, label in footer:
        shown = by_key.get((linked.translation_key, current))
        if shown is None:
            shown = linked if linked.live else None
        if shown is None:
            continue
        same = shown.pk == linked.pk
        nav.footer_links.append(
            (shown.get_url(request), (same and label) or shown.title)
        )

    for code in codes:
        url, exact = "", False
        if is_page:
            same = by_key.get((page.translation_key, code))
            if same is not None:
                url, exact = same.get_url(request), True
            else:
                # The nearest translated page above: the offer index for an
                # offer, else the home.
                higher = [
                    p for p in found if p.above and p.locale.language_code == code
                ]
                if higher:
                    url = max(higher, key=lambda p: p.depth).get_url(request)
        elif (
            request is not None
            and request.resolver_match is not None
            # A page not found has no other language: the home instead.
            and request.resolver_match.url_name != "wagtail_serve"
        ):
            # The address without its query: a "next" it may carry is not
            # passed along (it is checked by the view that reads it).
            url = translate_url(request.path, code)
            exact = url != request.path or code == current
        nav.versions.append(
            LanguageVersion(
                code=code,
                name=language_name(code),
                url=url or home_url(code),
                exact=exact,
                current=code == current,
            )
        )
    return nav


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a view's own "not found" stays one: only an
    address that no view answers is sent to its language-prefixed form (the
    admin's and the files' 404s are never redirected to ``/en/admin/...``,
    which Wagtail's pages would answer)."""

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if response.status_code == 404 and request.resolver_match is not None:
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class LocalizedPageLinkHandler(PageLinkHandler):
    """Wagtail's page links in rich text, each to the page's live translation
    in the active language (else the page itself), read in two queries
    whatever the number of links (Wagtail's reads the locale once per link)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        keys = {page.translation_key for page in pages if page is not None}
        translations = {}
        if keys:
            translations = {
                page.translation_key: page
                for page in Page.objects.live()
                .filter(
                    translation_key__in=keys,
                    locale__language_code=translation.get_language(),
                )
                .only("url_path", "translation_key")
            }
        return [
            format_html(
                '<a href="{}">',
                (translations.get(page.translation_key) or page).url,
            )
            if page is not None
            else "<a>"
            for page in pages
        ]
