"""The employer pages in Chromium: the home page, the team and location pages
and their indexes, and an offer with its team and place pass axe at
phone and desktop sizes; the YouTube video asks nothing of YouTube until the
visitor plays it; each page weighs at most 500 KB on a first visit, all of it
from the site's own host."""

from __future__ import annotations

import re
from importlib import reload
from urllib.parse import urlsplit

import pytest
from django.urls import clear_url_caches
from playwright.sync_api import Page, expect

from offers.models import LocationIndexPage, OfferPage, TeamPage

from .conftest import VIEWPORTS, assert_accessible, open_page

PAGE_WEIGHT_LIMIT = 500 * 1024


@pytest.fixture
def served_media(settings):
    """The site serves its editors' images itself, as the demo does."""
    import config.urls

    settings.SERVE_MEDIA = True
    reload(config.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    reload(config.urls)
    clear_url_caches()


def scroll_through(page: Page) -> None:
    """Scrolls to the bottom and back, so that lazy images load."""
    height = page.evaluate("document.body.scrollHeight")
    for top in range(0, height + 800, 600):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


def watch_other_hosts(page: Page, live_server) -> list[str]:
    """Every request to another host is recorded and refused (the test never
    reaches the Internet)."""
    own = urlsplit(live_server.url).netloc
    others: list[str] = []

    def route(route_, request):
        if urlsplit(request.url).netloc in (own, ""):
            route_.continue_()
        else:
            others.append(request.url)
            route_.abort()

    page.route("**/*", route)
    return others


def test_home_and_team_pages_are_accessible(page, served_media):
    page.goto("/en/")
    scroll_through(page)
    expect(page.get_by_role("heading", name="Northwind in figures")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Meet our teams").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our teams")
    assert_accessible(page)

    page.get_by_role("link", name="Engineering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Engineering")
    scroll_through(page)
    expect(
        page.get_by_role("heading", name="Open offers in Engineering")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Backend developer (Python)").first.click()
    # The offer carries its team's quote and its place, below its description.
    about = page.locator(".offer-about")
    expect(about.get_by_role("heading", name="Your team")).to_be_visible()
    expect(about.locator(".block-quote")).to_be_visible()
    scroll_through(page)
    assert_accessible(page)
    about.get_by_role("link", name=re.compile("Discover the place.*Lyon")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon")
    scroll_through(page)
    assert_accessible(page)

    page.goto(LocationIndexPage.objects.live().get(locale__language_code="en").url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Our offices")
    assert_accessible(page)


def test_the_video_loads_nothing_from_youtube_before_the_click(
    browser, live_server, e2e_site, served_media
):
    page = open_page(browser, live_server, "phone")
    others = watch_other_hosts(page, live_server)
    page.goto("/en/")
    scroll_through(page)
    play = page.get_by_role("button", name=re.compile("Play the video from YouTube"))
    expect(play).to_be_visible()
    expect(page.get_by_text("Nothing is loaded from YouTube until")).to_be_visible()
    assert page.locator("iframe").count() == 0
    assert others == []

    play.click()
    player = page.locator("iframe.block-video__iframe")
    expect(player).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )
    expect(player).to_have_attribute("title", re.compile("A day at the Lyon office"))
    page.wait_for_timeout(500)
    assert others and all("youtube-nocookie.com" in url for url in others), others
    page.context.close()


def page_weight(browser, live_server, path: str) -> tuple[int, int, list[str]]:
    """Bytes a first visit at phone size transfers (headers and bodies): as the
    page opens, and once scrolled to the bottom; and the other hosts asked."""
    page = open_page(browser, live_server, "phone")
    others = watch_other_hosts(page, live_server)
    sizes: list[int] = []

    def finished(request):
        response_sizes = request.sizes()
        sizes.append(
            response_sizes["responseBodySize"] + response_sizes["responseHeadersSize"]
        )

    page.on("requestfinished", finished)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    opened = sum(sizes)
    scroll_through(page)
    scrolled = sum(sizes)
    page.context.close()
    return opened, scrolled, others


def test_page_weight_at_phone_size(browser, live_server, e2e_site, served_media):
    paths = {
        "home": "/en/",
        "team page": TeamPage.objects.get(slug="engineering").url,
        "offer page": OfferPage.objects.get(slug="backend-developer-python").url,
    }
    width = VIEWPORTS["phone"]["viewport"]["width"]
    report = []
    for name, path in paths.items():
        opened, scrolled, others = page_weight(browser, live_server, path)
        report.append(
            f"{name} ({path}) at {width} px: {opened / 1024:.0f} KB on opening, "
            f"{scrolled / 1024:.0f} KB scrolled to the bottom"
        )
        assert others == [], others
        assert 0 < opened <= scrolled <= PAGE_WEIGHT_LIMIT, report[-1]
    print("\n" + "\n".join(report))
