"""The sitemap of every language's pages, each with its translations as
``hreflang`` alternates (and ``x-default``, the default language's)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap over the site's root page and its translations."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        trees = Q()
        for path in roots.values_list("path", flat=True):
            trees |= Q(path__startswith=path)
        return (
            Page.objects.live()
            .public()
            .filter(trees)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        urls = super().get_urls(*args, **kwargs)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        translations: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for url in urls:
            if "translation_key" in url:
                translations[url["translation_key"]].append(url)
        for group in translations.values():
            alternates = [
                {"lang_code": languages[url["locale_id"]], "location": url["location"]}
                for url in group
            ]
            default = [
                {"lang_code": "x-default", "location": alternate["location"]}
                for alternate in alternates
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            ]
            for url in group:
                url["alternates"] = alternates + default
        return urls


def sitemap(request: HttpRequest) -> HttpResponse:
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap})
