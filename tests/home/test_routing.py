"""home.routing finds the page Wagtail's own routing finds, in fewer queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from home import routing
from home.factories import ContentPageFactory, HomePageFactory, ensure_wagtail_root
from offers.factories import OfferPageFactory
from tests.offers.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    catalogue = build_catalogue()
    ContentPageFactory(parent=catalogue.index.get_parent(), title="About", slug="about")
    return catalogue


def same_shape(args: tuple) -> tuple:
    """A routable page's view is a method bound to the page: compare functions."""
    return tuple(getattr(arg, "__func__", arg) for arg in args)


def wagtails(path: str, host: str = "localhost") -> tuple | None:
    """What Wagtail's own routing answers."""
    port = host.partition(":")[2] or "80"
    request = RequestFactory().get(path, HTTP_HOST=host, SERVER_PORT=port)
    result = Page.route_for_request(request, path)
    return None if result is None else (result[0].pk, same_shape(result[1]), result[2])


def ours(path: str, host: str = "localhost") -> tuple | None:
    port = host.partition(":")[2] or "80"
    request = RequestFactory().get(path, HTTP_HOST=host, SERVER_PORT=port)
    result = routing.route(request, path)
    assert result is not routing.UNDECIDED
    if result is None:
        return None
    page, args, kwargs = result
    assert type(page) is page.specific_class  # served whole, as Wagtail does
    return page.pk, same_shape(args), kwargs


def paths(catalogue) -> list[str]:
    offer = catalogue.offers["Python developer"]
    return [
        "/",
        "/about/",
        "/about/more/",
        "/offers/",
        "/offers/feed/",
        "/offers/feed/more/",
        offer.url,
        f"{offer.url}more/",
        "/offers/no-such-offer/",
        "/no-such-page/",
        "/no/such/deep/page/",
    ]


def test_every_address_routes_as_wagtail_routes_it(catalogue):
    offer = catalogue.offers["Python developer"]
    for path in paths(catalogue):
        assert ours(path) == wagtails(path), path
    assert ours(offer.url)[0] == offer.pk
    assert ours("/offers/feed/")[0] == catalogue.index.pk
    assert ours("/offers/no-such-offer/") is None


def test_unpublished_draft_and_moved_pages_route_as_wagtail_routes_them(catalogue):
    offer = catalogue.offers["Python developer"]
    old_url = offer.url
    offer.unpublish()
    draft = OfferPageFactory(parent=catalogue.index, title="Draft", live=False)
    about = Page.objects.get(slug="about")
    about.specific.move(catalogue.index.get_parent(), pos="last-child")
    about.slug = "about-us"
    about.save()
    more = [old_url, draft.url or "/offers/draft/", "/about-us/"]
    for path in [*paths(catalogue), *more]:
        assert ours(path) == wagtails(path), path
    assert ours(old_url) is None
    assert ours("/about-us/")[0] == about.pk


def test_sites_are_chosen_as_wagtail_chooses_them(catalogue):
    home = catalogue.index.get_parent()
    other_home = HomePageFactory(
        parent=ensure_wagtail_root(), title="Other", slug="other"
    )
    ContentPageFactory(parent=other_home, title="About", slug="about")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    Site.objects.create(hostname="other.example", port=8080, root_page=home)
    for host in ["localhost", "other.example", "other.example:8080", "unknown.example"]:
        assert len(routing.all_sites()) == 3  # the cached list was forgotten
        port = host.partition(":")[2] or "80"
        request = RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)
        assert routing.find_site(request) == Site._find_for_request(request), host
        for path in ["/", "/about/", "/offers/"]:
            assert ours(path, host) == wagtails(path, host), (host, path)
    assert ours("/", "other.example")[0] == other_home.pk
    assert ours("/", "other.example:8080")[0] == home.pk
    assert ours("/offers/", "other.example") is None


def test_a_stale_site_root_path_leaves_the_request_to_wagtail(client, catalogue):
    site = Site.objects.get(is_default_site=True)
    cache.set(
        SITE_ROOT_PATHS_CACHE_KEY,
        [SiteRootPath(site.pk, "/elsewhere/", site.root_url, "en")],
        version=SITE_ROOT_PATHS_CACHE_VERSION,
    )
    request = RequestFactory().get("/offers/", HTTP_HOST="localhost")
    assert routing.route(request, "/offers/") is routing.UNDECIDED
    cache.clear()
    assert client.get("/offers/").status_code == 200


def test_view_restrictions_still_apply(client, catalogue):
    offer = catalogue.offers["Python developer"]
    assert client.get(offer.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=catalogue.index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Insiders"))
    response = client.get(offer.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get(offer.url).status_code == 200


def test_the_router_knows_there_is_no_restriction(catalogue):
    offer = catalogue.offers["Python developer"]
    request = RequestFactory().get(offer.url, HTTP_HOST="localhost")
    page = routing.route(request, offer.url)[0]
    assert list(page.get_view_restrictions()) == []
    assert page.known_view_restrictions is not None


def test_the_cached_sites_follow_changes(catalogue, django_assert_num_queries):
    routing.all_sites()
    with django_assert_num_queries(0):
        assert [site.hostname for site in routing.all_sites()] == ["localhost"]
    site = Site.objects.get()
    site.hostname = "careers.example"
    site.save()
    assert [site.hostname for site in routing.all_sites()] == ["careers.example"]
    assert ours("/offers/", "careers.example")[0] == catalogue.index.pk
    site.delete()
    assert routing.all_sites() == []
    assert ours("/offers/", "careers.example") is None


def test_a_page_type_adds_to_how_it_is_read(catalogue, django_assert_num_queries):
    offer = catalogue.offers["Python developer"]
    family = offer.job_family.name
    request = RequestFactory().get(offer.url, HTTP_HOST="localhost")
    page = routing.route(request, offer.url)[0]
    with django_assert_num_queries(0):
        assert page.job_family.name == family
