"""The listing's filters on a phone and a desktop, with and without JavaScript:
beside the results on a wide screen; behind a "Filters (n)" button on a phone,
opening over the results with "Show N offers"; the search word as a chip."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from offers.models import OfferIndexPage
from tests.html_checker import validate

from .conftest import assert_accessible

SIZES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
LYON = re.compile(r"Lyon, France \((\d+)\)")
SHOW = re.compile(r"^Show (\d+) offers?$")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request) -> bool:
    return request.param


def open_tab(browser, live_server, size: str, javascript: bool) -> Page:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, **SIZES[size]
    )
    context.set_default_timeout(15_000)
    context.evaluate_javascript = javascript
    return context.new_page()


@pytest.fixture
def listing_url(e2e_site) -> str:
    """The English listing's address, as the site builds it."""
    return OfferIndexPage.objects.get(locale__language_code="en").url


class Pages:
    """The HTML of every page visited, checked at the end with the Nu HTML
    Checker (one run of it for the whole journey)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: list[Path] = []

    def check(self, page: Page) -> None:
        if page.context.evaluate_javascript:
            assert_accessible(page)
        else:
            # axe needs scripts: it runs on a twin of the page, as the browser
            # without scripts built it, with the page's own scripts kept out.
            twin = page.context.browser.new_context(
                viewport=page.viewport_size, java_script_enabled=True
            )
            copy = twin.new_page()
            copy.route("**/*.js", lambda route: route.abort())
            copy.goto(page.url)
            copy.set_content(page.content())
            assert_accessible(copy)
            twin.close()
        # The page as the server sent it (the browser's DOM holds axe).
        file = self.folder / f"page{len(self.files)}.html"
        file.write_bytes(page.request.get(page.url).body())
        self.files.append(file)

    def assert_valid(self) -> None:
        errors = [
            f"{Path(error['url']).name}:{error.get('lastLine')}: {error['message']}"
            for error in validate(self.files)
        ]
        assert not errors, "\n".join(errors)


def heading(page: Page):
    return page.locator("#results-title")


def shown_count(page: Page) -> int:
    label = page.locator("[data-show-offers]").text_content().strip()
    match = SHOW.match(label)
    assert match, label
    return int(match.group(1))


@pytest.mark.html_checker
def test_desktop_filters_stand_beside_the_results(
    browser, live_server, e2e_site, javascript, listing_url, tmp_path
):
    page = open_tab(browser, live_server, "desktop", javascript)
    pages = Pages(tmp_path)
    page.goto(listing_url)
    expect(heading(page)).to_have_text(re.compile(r"^\d+ open offers$"))

    # No button to press: the filters are open in a column left of the results.
    expect(page.locator("summary.offer-filters__toggle")).to_be_hidden()
    panel = page.locator(".offer-filters__panel")
    expect(panel).to_be_visible()
    filters = panel.bounding_box()
    results = page.locator(".offer-results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert filters["y"] < results["y"] + results["height"]
    assert results["y"] < filters["y"] + filters["height"]
    pages.check(page)

    lyon = page.get_by_label(LYON)
    expected = int(LYON.search(lyon.locator("xpath=..").inner_text()).group(1))
    lyon.check()
    page.get_by_role("button", name=SHOW).click()
    expect(page).to_have_url(re.compile(r"location=lyon"))
    expect(heading(page)).to_have_text(
        f"{expected} offer{'s' if expected > 1 else ''} in Lyon"
    )
    expect(page.get_by_label(LYON)).to_be_checked()
    pages.check(page)
    pages.assert_valid()
    page.context.close()


@pytest.mark.html_checker
def test_phone_filters_open_over_the_results_and_show_the_offers(
    browser, live_server, e2e_site, javascript, listing_url, tmp_path
):
    page = open_tab(browser, live_server, "phone", javascript)
    pages = Pages(tmp_path)
    page.goto(f"{listing_url}?q=developer")
    all_found = shown_count(page)
    expect(heading(page)).to_have_text(f"{all_found} offers for “developer”")

    # The results start above the fold, under a small "Filters" button.
    toggle = page.locator("summary.offer-filters__toggle")
    expect(toggle).to_have_text("Filters", use_inner_text=True)
    box = heading(page).bounding_box()
    assert box["y"] + box["height"] <= 844
    first_card = page.locator(".offer-card").first.bounding_box()
    assert first_card["y"] < 844
    expect(page.locator(".offer-filters__panel")).to_be_hidden()
    pages.check(page)

    toggle.click()
    panel = page.locator(".offer-filters__panel")
    expect(panel).to_be_visible()
    # The sheet covers the screen: the results did not move below it.
    sheet = panel.bounding_box()
    assert sheet["width"] == 390
    assert sheet["y"] + sheet["height"] >= 843
    show = page.get_by_role("button", name=SHOW)
    expect(show).to_be_in_viewport()
    pages.check(page)
    # The keyboard stays in the sheet (with JavaScript or without): a round of
    # Tab presses never lands on what it covers.
    filters = page.locator(".offer-filters")
    for _ in range(30):
        page.keyboard.press("Tab")
        focused_inside = page.evaluate(
            "() => !document.activeElement || document.activeElement === document.body"
            " || !!document.activeElement.closest('.offer-filters')"
        )
        assert focused_inside, page.evaluate("() => document.activeElement.outerHTML")
    expect(filters).to_have_attribute("open", "")

    lyon = page.get_by_label(LYON)
    in_lyon = int(LYON.search(lyon.locator("xpath=..").inner_text()).group(1))
    assert 0 < in_lyon < all_found
    lyon.check()
    plural = "s" if in_lyon > 1 else ""
    if javascript:
        # The button counts what the choice will show before it is sent.
        expect(show).to_have_text(f"Show {in_lyon} offer{plural}")
    else:
        expect(show).to_have_text(f"Show {all_found} offers")
    show.click()

    expect(page).to_have_url(re.compile(r"q=developer.*location=lyon"))
    expect(heading(page)).to_have_text(
        f"{in_lyon} offer{plural} for “developer” in Lyon"
    )
    expect(page.locator(".offer-filters__panel")).to_be_hidden()
    expect(toggle).to_have_text("Filters (1)", use_inner_text=True)
    expect(page.locator(".offer-card")).to_have_count(in_lyon)
    pages.check(page)

    # The search word is a chip: removing it keeps the place.
    page.get_by_role("link", name=re.compile(r"^Keywords: developer")).click()
    expect(page).to_have_url(re.compile(r"\?location=lyon$"))
    expect(heading(page)).to_have_text(re.compile(r"^\d+ offers? in Lyon$"))
    expect(page.get_by_label("Keywords")).to_have_value("")
    expect(page.get_by_label(LYON)).to_be_checked()
    pages.check(page)
    pages.assert_valid()
    page.context.close()


def test_phone_sheet_closes_with_its_button_and_escape(
    browser, live_server, e2e_site, listing_url
):
    page = open_tab(browser, live_server, "phone", True)
    page.goto(listing_url)
    toggle = page.locator("summary.offer-filters__toggle")
    toggle.click()
    expect(page.locator(".offer-filters__panel")).to_be_visible()
    # Behind the sheet nothing takes the focus or a tap.
    assert page.locator("#results-title").evaluate("e => e.closest('[inert]') !== null")
    page.keyboard.press("Escape")
    expect(page.locator(".offer-filters__panel")).to_be_hidden()
    expect(toggle).to_be_focused()
    assert page.locator("#results-title").evaluate("e => e.closest('[inert]') === null")
    toggle.click()
    page.get_by_text("Close", exact=True).click()
    expect(page.locator(".offer-filters__panel")).to_be_hidden()
    page.context.close()
