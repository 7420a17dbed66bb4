"""Routing of a request to its page in two queries, whatever the page's depth.

Wagtail routes level by level: the site's root page, then at each level the
child of that slug and its specific row (two queries a level), then two more
for the view restrictions of the page found. An offer, three levels down, cost
eight queries before its own work began (about 8 ms of a 21 ms page).

Here one query reads the pages on the requested path (their id and type), along
with whether the site has any view restriction at all; a second reads the page
to serve, whole (with what its type's ``routed_queryset()`` adds). The walk
follows Wagtail's rules: it only skips a level whose page would hand the next
slug to its child as ``Page.route`` does (see ``routes_to_child``); the page
reached then routes the rest of the path itself, so custom routes (the offer
feed) keep working.

The sites themselves (a handful of rows) are read from the cache, as Wagtail
reads their root paths. Anything unexpected (Wagtail's internationalisation on,
a stale site root path, an unknown page type) leaves the request to Wagtail's
own routing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Exists, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from .statements import Statement

#: Returned by ``route()`` when Wagtail's own routing must decide.
UNDECIDED = object()


def routes_to_child(model: type[Page], component: str) -> bool:
    """Whether a page of this type hands ``component`` to its child of that slug
    (Wagtail's default route does; a page type that routes otherwise says so
    with a ``routes_to_child`` class method)."""
    own = getattr(model, "routes_to_child", None)
    if own is not None:
        return own(component)
    return model.route is Page.route


SITES_CACHE_KEY = "home.routing.sites"


def all_sites() -> list[Site]:
    """Every site (a handful of rows), from the cache as Wagtail keeps its site
    root paths there (for an hour; shared between servers when Redis is the
    cache), forgotten whenever a site is saved or deleted."""
    sites = cache.get(SITES_CACHE_KEY)
    if sites is None:
        sites = list(Site.objects.all())
        cache.set(SITES_CACHE_KEY, sites, 3600)
    return sites


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs: Any) -> None:
    cache.delete(SITES_CACHE_KEY)


def find_site(request: HttpRequest) -> Site | None:
    """The site of the request, chosen as Wagtail's ``get_site_for_hostname``
    chooses it, among the cached sites (Wagtail's ranks the sites in SQL at each
    request and reads the root page along: 1.5 ms to compile and run), kept
    where Wagtail's ``Site.find_for_request`` looks first."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None

    def rank(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        if site.is_default_site:
            return MATCH_DEFAULT
        return MATCH_HOSTNAME

    sites = sorted(
        (s for s in all_sites() if s.hostname == hostname or s.is_default_site),
        key=rank,
    )
    site = None
    if len(sites) == 1 or (
        sites and rank(sites[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)
    ):
        site = sites[0]
    elif sites and rank(sites[0]) == MATCH_DEFAULT:
        site = sites[len(sites) == 2]
    request._wagtail_site = site
    return site


#: The pages of a path, by the indexed id of the root and slugs (Wagtail does
#: not index url_path): rows picked out by their url_path in ``route()``.
PATH_PAGES = Statement(
    lambda root_id, slugs: (
        Page.objects.filter(Q(pk=root_id) | Q(slug__in=slugs))
        .annotate(restricted=Exists(PageViewRestriction.objects.all()))
        .values_list("url_path", "pk", "content_type_id", "restricted")
    )
)


_PAGE_STATEMENTS: dict[type[Page], Statement] = {}


def page_statement(model: type[Page]) -> Statement:
    """How a page of this type is read to be served, by its id: whole, with
    what its type's ``routed_queryset()`` adds."""
    statement = _PAGE_STATEMENTS.get(model)
    if statement is None:
        pages = getattr(model, "routed_queryset", model._default_manager.all)
        statement = _PAGE_STATEMENTS[model] = Statement(
            lambda pk: pages().filter(pk=pk)
        )
    return statement


def route(request: HttpRequest, path: str) -> Any:
    """The route result (page, args, kwargs) Wagtail would find, or None for a
    404, or ``UNDECIDED``."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return UNDECIDED  # `.localized` would have to be looked up per level
    site = find_site(request)
    if site is None:
        return None
    root_path = next(
        (p.root_path for p in Site.get_site_root_paths() if p.site_id == site.pk),
        None,
    )
    if root_path is None:
        return UNDECIDED
    components = [component for component in path.split("/") if component]
    prefixes = [root_path]
    for component in components:
        prefixes.append(f"{prefixes[-1]}{component}/")
    rows = PATH_PAGES(site.root_page_id, components)
    levels = {url_path: rest for url_path, *rest in rows}
    chain = []
    for prefix in prefixes:
        if prefix not in levels:
            break
        chain.append(levels[prefix])
    if not chain or chain[0][0] != site.root_page_id:
        return UNDECIDED  # the cached root path is stale
    models = []
    for _pk, kind, _restricted in chain:
        model = ContentType.objects.get_for_id(kind).model_class()
        if model is None or not issubclass(model, Page):
            return UNDECIDED
        models.append(model)
    depth = 0
    while depth + 1 < len(chain) and routes_to_child(models[depth], components[depth]):
        depth += 1
    found = page_statement(models[depth])(chain[depth][0])
    if not found:
        return UNDECIDED  # deleted in between
    page = found[0]
    if not chain[0][2]:
        # No page of the site is restricted: Wagtail's check needs no query.
        page.known_view_restrictions = PageViewRestriction.objects.none()
    try:
        return page.route(request, components[depth:])
    except Http404:
        return None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the route found as above (Wagtail reads it from
    the request, where its own ``Page.route_for_request`` keeps it)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        result = route(request, path)
        if result is not UNDECIDED:
            request._wagtail_route_for_request = result
    return wagtail_views.serve(request, path)
