"""The page cache: public pages served to anonymous visitors from the cache.

A visitor without a session (no session cookie) asking for a public page with
GET or HEAD gets the copy kept under a key made of the site's *generation*, the
day, the language, the host and the full address. The generation increases
whenever public content changes (a page published, unpublished, moved or
deleted, a scheduled publication, an offer filled, a snippet, an image, a site
or a setting saved): at once, so that the rest of the change's own transaction
already reads fresh pages, and again when that transaction commits, so that a
page rendered in between from what was not yet committed is never read. The
day in the key closes offers at midnight. With Redis as the cache, every server
shares the generation and the copies.

A copy is kept only of a successful, complete response that sets no cookie (a
CSRF token or a session would set one) and says nothing against it in its
``Cache-Control``; never of anything under the private prefixes. Kept responses
tell shared caches (a CDN) they may keep them briefly
(``PAGE_CACHE_SHARED_SECONDS``); others are marked private.

Pages made afresh (a logged-in visitor's) take the parts that are the same for
everyone from the same generation: Wagtail's fragment cache
(``{% sharedfragment %}`` in ``home/templatetags/portal_tags.py``) and the
listing's counts keep them under ``content_version()``, so that a change of
content outdates them exactly when it outdates the kept pages.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"

#: Response header saying what the cache did: hit, miss (kept) or bypass.
STATUS_HEADER = "X-Page-Cache"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation() -> int:
    """The generation pages are kept under; started from the clock when the
    cache has none (new, flushed or evicted), so it never goes back to a value
    that old copies were kept under."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation() -> None:
    """Every kept page is outdated from now on."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next reader starts one
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


#: The version each request read, once per request however many parts it asks.
_versions: WeakKeyDictionary[HttpRequest, str] = WeakKeyDictionary()


def content_version(request: HttpRequest | None = None) -> str:
    """What the parts of pages shared by every visitor are kept under: the
    generation and the day (closing dates close offers at midnight), read once
    per ``request``."""
    if request is not None and request in _versions:
        return _versions[request]
    version = f"{current_generation()}:{timezone.localdate()}"
    if request is not None:
        _versions[request] = version
    return version


#: Where the shared parts of pages and the values kept for everyone live.
SHARED_PARTS_CACHE_ALIAS = "default"


def shared_parts_cache():
    return caches[SHARED_PARTS_CACHE_ALIAS]


def kept_for_everyone(name: str, parts: Sequence[Any], make: Callable[[], Any]) -> Any:
    """What ``make()`` gives, kept under the content's version, ``name`` and
    ``parts`` (what it depends on besides the content: a language, a
    search...): a value the same for every visitor, such as the listing's
    counts. Made afresh each time when ``FRAGMENT_CACHE_ENABLED`` is off."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return make()
    digest = hashlib.sha256(repr(list(parts)).encode()).hexdigest()
    key = f"shared:{name}:{content_version()}:{digest}"
    return shared_parts_cache().get_or_set(key, make, settings.FRAGMENT_CACHE_SECONDS)


def public_content_changed(**kwargs: Any) -> None:
    """A signal receiver: outdate the kept pages now and once the transaction
    that made the change commits."""
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)


def shows_publicly(model: type) -> bool:
    """Whether rows of ``model`` appear on public pages: snippets, settings,
    images, documents and sites (pages change through their own signals)."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Site
    from wagtail.snippets.models import get_snippet_models

    return (
        issubclass(
            model,
            Site
            | BaseSiteSetting
            | BaseGenericSetting
            | AbstractImage
            | AbstractDocument,
        )
        or model in get_snippet_models()
    )


def row_changed(sender: type, **kwargs: Any) -> None:
    """Any saved or deleted row: pages and what they show outdate the cache."""
    from wagtail.models import Page

    if (kwargs.get("signal") is post_delete and issubclass(sender, Page)) or (
        shows_publicly(sender)
    ):
        public_content_changed()


def purge_pages_showing(instance: Any, **kwargs: Any) -> None:
    """A page published, unpublished or moved whose content other pages show
    (a team page, whose quote and link its offers carry): a CDN drops those
    pages too, as Wagtail drops the page itself. Such a page names them with
    a ``pages_showing_it()`` method; the page cache's own copies went with the
    generation."""
    pages_showing_it = getattr(instance.specific_deferred, "pages_showing_it", None)
    if not settings.WAGTAILFRONTENDCACHE or pages_showing_it is None:
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(pages_showing_it())


def connect_signals() -> None:
    """Connects ``public_content_changed`` to whatever changes public pages
    (snippets are registered after this runs: each save asks)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "home.page_cache"
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(public_content_changed, dispatch_uid=uid)
        signal.connect(purge_pages_showing, dispatch_uid=f"{uid}.showing")
    post_save.connect(row_changed, dispatch_uid=uid)
    post_delete.connect(row_changed, dispatch_uid=uid)


def is_private_path(path: str) -> bool:
    """Whether ``path`` is under a private prefix, its language prefix (``/fr``)
    left aside."""
    language = translation.get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    return any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def cache_key(request: HttpRequest, generation: int) -> str:
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{generation}:{timezone.localdate()}:{language}:{digest}"


def may_keep(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serves and keeps the public pages of anonymous visitors (see above).

    Placed after the security middleware (redirects to HTTPS first) and the
    static files', before the session's: a page served from the cache reads
    nothing else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not self.is_cacheable(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            response[STATUS_HEADER] = "bypass"
            return response
        cache = page_cache()
        key = cache_key(request, current_generation())
        response = cache.get(key)
        if response is not None:
            response[STATUS_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if may_keep(response):
            # Browsers ask again for a page at each visit; a response whose
            # address changes with its content (``immutable``: the brand
            # stylesheet) keeps its own lifetime.
            if "immutable" not in response.get("Cache-Control", ""):
                patch_cache_control(
                    response,
                    public=True,
                    max_age=0,
                    s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
                )
            # One piece (the feed writer leaves one per write): served whole.
            response.content = response.content
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        else:
            patch_cache_control(response, private=True)
            response[STATUS_HEADER] = "bypass"
        return response

    @staticmethod
    def is_cacheable(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not is_private_path(request.path)
        )
