"""On a phone: search -> filter -> open an offer -> Apply leads to log-in."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, open_page


@pytest.fixture
def phone(browser, live_server, e2e_site):
    tab = open_page(browser, live_server, "phone")
    yield tab
    tab.context.close()


def test_search_filter_open_and_apply(phone):
    page = phone
    page.goto("/en/offers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offers")
    assert_accessible(page)

    page.get_by_label("Keywords").fill("developer")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/offers/\?q=developer"))
    results = page.locator(".offer-results")
    expect(results.get_by_role("heading", level=2)).to_contain_text(
        "offers for “developer”"
    )
    expect(
        results.get_by_role("link", name="Backend developer (Python)", exact=True)
    ).to_be_visible()
    assert_accessible(page)

    # Filters fold away on a phone; they open without any script.
    page.locator("summary", has_text="Filters").click()
    page.get_by_label(re.compile(r"Lyon, France \(\d+\)")).check()
    page.get_by_role("button", name=re.compile(r"^Show \d+ offers?$")).click()
    expect(page).to_have_url(re.compile(r"q=developer.*location=lyon"))
    expect(page.get_by_role("link", name=re.compile("Location: Lyon"))).to_be_visible()
    expect(
        results.get_by_role("link", name="Frontend developer", exact=True)
    ).to_be_visible()
    expect(results.get_by_role("link", name="Data analyst")).to_have_count(0)
    assert_accessible(page)

    results.get_by_role("link", name="Backend developer (Python)", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Backend developer (Python)"
    )
    expect(page.get_by_text("NW-2026-001")).to_be_visible()
    assert_accessible(page)

    # The back button comes back to the same search.
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=developer.*location=lyon"))
    page.go_forward()

    page.get_by_role("link", name=re.compile(r"^Apply")).first.click()
    expect(page).to_have_url(
        re.compile(r"/en/account/login/\?next=[^&]*backend-developer-python")
    )
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_closed_offer_says_so_and_points_to_open_ones(phone):
    page = phone
    page.goto("/en/offers/payroll-specialist/")
    expect(page.get_by_role("heading", name="This offer is closed")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Apply"))).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="See similar open offers").click()
    expect(page).to_have_url(re.compile(r"/en/offers/\?family=finance"))
    expect(page.get_by_role("link", name="Payroll specialist")).to_have_count(0)
