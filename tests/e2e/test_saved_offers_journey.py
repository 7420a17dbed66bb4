"""Saved offers and My space on a phone: a visitor taps Save on an offer card ->
logs in -> confirms -> back on the listing, the offer saved; the candidate saves
another from its card, finds both under "Saved offers", removes one; My space
starts with the draft to finish. Every page passes axe-core and the HTML checker."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import SavedOffer, User
from offers.models import OfferIndexPage
from tests.html_checker import validate

from .conftest import assert_accessible, open_page

USERNAME = "candidate"
PASSWORD = "candidate-demo-pass"


def test_saved_offers_journey_on_a_phone(browser, live_server, e2e_site, tmp_path):
    candidate = User.objects.get(username=USERNAME)
    listing = OfferIndexPage.objects.get(locale__language_code="en").url
    page = open_page(browser, live_server, "phone")
    visited: list = []

    def check() -> None:
        # The HTML the server sends (the page's own, before axe is injected).
        file = tmp_path / f"page{len(visited)}.html"
        file.write_bytes(page.context.request.get(page.url).body())
        visited.append(file)
        assert_accessible(page)

    # A visitor's Save leads to the log-in, then to a confirmation.
    page.goto(listing)
    check()
    first = page.locator(".offer-card").nth(0)
    first_title = first.locator(".offer-card__title").inner_text()
    first.get_by_role("link", name=re.compile(r"^Save")).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("account_login"))))
    page.get_by_label("Username or e-mail address").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Save this offer")
    check()
    assert not SavedOffer.objects.filter(candidate=candidate).exists()
    page.get_by_role("button", name="Save the offer").click()
    # Back on the offer, which says so.
    expect(heading).to_have_text(first_title)
    expect(
        page.get_by_role("button", name=re.compile(r"^Saved")).first
    ).to_have_attribute("aria-pressed", "true")
    check()
    page.goto(listing)
    first = page.locator(".offer-card").nth(0)
    expect(first.get_by_role("button", name=re.compile(r"^Saved"))).to_have_attribute(
        "aria-pressed", "true"
    )

    # A candidate saves from the card.
    second = page.locator(".offer-card").nth(1)
    second_title = second.locator(".offer-card__title").inner_text()
    second.get_by_role("button", name=re.compile(r"^Save")).click()
    second = page.locator(".offer-card").nth(1)
    expect(second.get_by_role("button", name=re.compile(r"^Saved"))).to_have_attribute(
        "aria-pressed", "true"
    )
    assert SavedOffer.objects.filter(candidate=candidate).count() == 2

    # My space: the draft to finish first, then the applications' badges.
    page.goto(reverse("candidates:space"))
    cards = page.locator("[data-application]")
    expect(cards.first).to_contain_text("Draft, not sent")
    finish = cards.first.get_by_role("link", name=re.compile("Finish your"))
    expect(finish).to_be_visible()
    check()

    # Saved offers: both, then one removed.
    page.get_by_role("link", name=re.compile("Saved offers")).click()
    expect(heading).to_have_text("Saved offers")
    saved = page.locator("[data-saved-offer]")
    expect(saved).to_have_count(2)
    expect(saved.get_by_role("link", name=first_title)).to_be_visible()
    check()
    page.get_by_role("button", name=f"Remove – {second_title}").click()
    expect(saved).to_have_count(1)
    expect(page.locator(".message").first).to_contain_text("removed")
    check()
    assert list(
        SavedOffer.objects.filter(candidate=candidate).values_list(
            "offer__title", flat=True
        )
    ) == [first_title]

    errors = validate(visited)
    assert not errors, [
        (error["url"].rsplit("/", 1)[-1], error["message"]) for error in errors
    ]
