"""Small site-wide views: health check, robots.txt and the brand stylesheet."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Says whether the site can reach its database, cache and file storage.

    A failing database or cache makes the server unfit (503, the load balancer takes
    it out); a failing storage only "degraded": pages still work, uploads do not.
    """
    checks = {
        "database": _check(_database_answers),
        "cache": _check(_cache_answers),
        "storage": _check(_storage_answers),
    }
    if checks["database"] != "ok" or checks["cache"] != "ok":
        status = "error"
    else:
        status = "ok" if checks["storage"] == "ok" else "degraded"
    return JsonResponse(
        {"status": status, **checks}, status=503 if status == "error" else 200
    )


def _check(probe: Callable[[], None]) -> str:
    try:
        probe()
    except Exception as exc:  # any failure means unhealthy
        # One line, not a traceback: load balancers probe every few seconds.
        logger.warning("Health check %s failed: %r", probe.__name__, exc)
        return "error"
    return "ok"


def _database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_answers() -> None:
    token = get_random_string(12)
    cache.set("healthz", token, 10)
    if cache.get("healthz") != token:
        raise RuntimeError("the cache does not keep what it is given")


def _storage_answers() -> None:
    # A missing file is an answer; an unreachable bucket or bad keys raise.
    for alias in ("private", "default"):
        storages[alias].exists("healthz")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    private = [
        f"Disallow: /{code}/{prefix}/"
        for code, _name in settings.LANGUAGES
        for prefix in ("account", "me")
    ]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *private,
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def brand_stylesheet(request: HttpRequest) -> HttpResponse:
    """The company's colours as CSS custom properties, read by ``site.css``.

    A stylesheet of its own rather than a ``<style>`` element: the
    Content-Security-Policy allows no inline style. Its address carries the
    colours' version (``?v=``), so browsers keep it until the colours change.
    """
    from .models import PortalSettings

    colours = PortalSettings.for_request(request).brand_colours
    response = render(
        request,
        "home/brand.css",
        {"colours": colours},
        content_type="text/css; charset=utf-8",
    )
    if request.GET.get("v") == colours.version:
        patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60)
        response["Cache-Control"] += ", immutable"
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response
