"""On a phone (390x844): every control of the candidate's forms fits a finger; a
returning candidate goes from an offer to a sent application in three screens;
the offer page keeps Apply in a bar at the bottom without hiding the page's end,
says "You applied on" to a candidate who did, and leads back to the results; a
verification link opened later leads back to the application."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.apps import apps
from django.core import mail
from playwright.sync_api import Page, expect

from .conftest import assert_accessible, open_page
from .test_apply_journey import free_offer, log_in

TARGET = 44  # px, WCAG 2.5.5

# Every visible control of the page's main forms with the height of what a finger
# touches: the control, or for a box or round button its label.
MEASURE_CONTROLS = """() => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  };
  const controls = [];
  document.querySelectorAll(
    "main form input, main form select, main form textarea, main form button"
  ).forEach((el) => {
    if (el.type === "hidden" || !shown(el)) return;
    let target = el;
    if (el.type === "checkbox" || el.type === "radio") {
      target = el.closest("label") || document.querySelector(`label[for="${el.id}"]`);
    }
    controls.push({
      control: `${el.tagName.toLowerCase()}[name=${el.name}] ${el.type || ""}`,
      height: target ? target.getBoundingClientRect().height : 0,
    });
  });
  return controls;
}"""


def screen_counter(page: Page) -> list[str]:
    """The addresses of the page loads of ``page`` from now on."""
    screens: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: screens.append(frame.url) if frame == page.main_frame else None,
    )
    return screens


def assert_controls_fit_fingers(page: Page) -> int:
    controls = page.evaluate(MEASURE_CONTROLS)
    assert controls, f"no form control on {page.url}"
    small = [c for c in controls if c["height"] < TARGET - 0.5]
    assert not small, f"controls under {TARGET} px on {page.url}: {small}"
    return len(controls)


def test_every_control_of_the_candidate_forms_fits_a_finger(
    browser, live_server, e2e_site
):
    phone = open_page(browser, live_server, "phone")
    measured = {}
    for path in ("/en/account/login/", "/en/account/signup/"):
        phone.goto(path)
        measured[path] = assert_controls_fit_fingers(phone)
        assert_accessible(phone)
    # The sign-up form sent empty: the error summary and the fields' errors.
    phone.get_by_role("button", name="Create my account").click()
    expect(phone.locator("[data-error-summary]")).to_be_visible()
    assert_controls_fit_fingers(phone)
    assert_accessible(phone)

    log_in(phone, "candidate", "candidate-demo-pass")
    offer = free_offer()
    for path in (
        offer.apply_url(),
        "/en/apply/speculative/",
        "/en/me/documents/",
        "/en/alerts/new/",
        "/en/me/profile/",
    ):
        phone.goto(path)
        measured[path] = assert_controls_fit_fingers(phone)
        assert_accessible(phone)

    # The file picker names the chosen file.
    phone.goto(offer.apply_url())
    phone.get_by_label("Or upload a new CV").set_input_files(
        {"name": "fresh-cv.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    expect(phone.get_by_text("Chosen file: fresh-cv.pdf")).to_be_visible()
    # Required fields are marked, in words for screen readers where the control
    # does not say it itself.
    expect(phone.locator('label[for="id_first_name"]')).to_contain_text("(required)")
    print(f"\nControls measured on a phone: {measured}")
    phone.context.close()


def test_a_returning_candidate_applies_in_three_screens(browser, live_server, e2e_site):
    """Offer page -> the form, the newest CV chosen and no letter -> sent."""
    offer = free_offer()
    phone = open_page(browser, live_server, "phone")
    log_in(phone, "candidate", "candidate-demo-pass")
    screens = screen_counter(phone)

    phone.goto(offer.url)
    assert_accessible(phone)
    phone.get_by_role("link", name=re.compile(r"^Apply")).click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text(offer.title)
    expect(phone.locator('input[name="cv"]:checked')).to_have_count(1)
    expect(phone.get_by_label("Phone number")).not_to_have_value("")
    assert_accessible(phone)
    phone.get_by_role("button", name="Send my application").click()

    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    expect(phone.locator("[data-status]")).to_have_text("Received")
    assert_accessible(phone)
    print(f"\nReturning candidate, Apply to sent: {len(screens)} screens: {screens}")
    assert len(screens) == 3, screens
    sent = apps.get_model("applications", "Application").objects.get(
        offer=offer, candidate__username="candidate"
    )
    assert sent.cv is not None
    assert sent.letter is None

    # Back on the offer: when it was sent, and no Apply any more.
    phone.goto(offer.url)
    expect(phone.locator("[data-applied]")).to_contain_text("You applied on")
    expect(phone.get_by_role("link", name=re.compile(r"^Apply"))).to_have_count(0)
    assert_accessible(phone)
    phone.locator("[data-applied]").get_by_role("link").click()
    expect(phone.locator("[data-status]")).to_have_text("Received")
    phone.context.close()


def test_the_apply_bar_stays_reachable_without_hiding_the_page(
    browser, live_server, e2e_site
):
    offer = free_offer()
    listing = offer.get_parent().url
    phone = open_page(browser, live_server, "phone")
    word = offer.title.split()[-1].lower()
    phone.goto(f"{listing}?q={word}&remote={offer.remote_policy}")
    phone.get_by_role("link", name=offer.title, exact=True).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(offer.title)
    assert_accessible(phone)

    # One Apply for screen readers too, in view at the bottom of the screen.
    apply = phone.get_by_role("link", name=re.compile(r"^Apply"))
    expect(apply).to_have_count(1)
    height = phone.viewport_size["height"]
    bar = phone.locator(".offer__apply-bar").bounding_box()
    assert bar["y"] + bar["height"] <= height + 1
    assert bar["y"] > height / 2, bar

    # At the end of the page, the last content shows above the bar.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    phone.wait_for_timeout(100)
    last = phone.locator(".site-footer__inner > :last-child").bounding_box()
    bar = phone.locator(".offer__apply-bar").bounding_box()
    assert last["y"] + last["height"] <= bar["y"], (last, bar)

    # Back to the results, with the search.
    phone.get_by_role("link", name="Back to results").click()
    expect(phone).to_have_url(
        re.compile(re.escape(f"{listing}?q={word}&remote={offer.remote_policy}") + "$")
    )
    phone.context.close()

    # At desktop size the bar is an ordinary button in the offer's header,
    # scrolling with the page, above the description.
    desktop = open_page(browser, live_server, "desktop")
    desktop.goto(offer.url)
    bar = desktop.locator(".offer__apply-bar")
    assert bar.evaluate("e => getComputedStyle(e).position") in ("static", "relative")
    body = desktop.locator(".offer-layout").bounding_box()
    assert bar.bounding_box()["y"] < body["y"]
    expect(desktop.get_by_role("link", name="Back to results")).to_have_attribute(
        "href", listing
    )
    desktop.context.close()


def test_a_verification_link_opened_later_leads_back_to_the_application(
    browser, live_server, e2e_site
):
    """Sign up from an offer, leave without typing the code; later, in another
    browser, the e-mail's link -> verify -> log in -> the application form."""
    offer = free_offer()
    phone = open_page(browser, live_server, "phone")
    phone.goto(offer.url)
    phone.get_by_role("link", name=re.compile(r"^Apply")).click()
    phone.get_by_role("link", name="Create your profile").click()
    phone.locator("#id_first_name").fill("Noor")
    phone.locator("#id_last_name").fill("Haddad")
    phone.locator("#id_username").fill("noor.haddad")
    phone.locator("#id_email").fill("noor@example.org")
    phone.locator("#id_password1").fill("Plum-Harbour-42")
    phone.locator("#id_accept_data_protection").check()
    phone.get_by_role("button", name="Create my account").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Enter the code we sent you"
    )
    phone.context.close()

    (link,) = [
        word
        for word in mail.outbox[-1].body.split()
        if "/account/confirm-email/" in word
    ]
    parts = urlsplit(link)
    later = open_page(browser, live_server, "phone")
    screens = screen_counter(later)
    later.goto(f"{parts.path}?{parts.query}")
    expect(later.get_by_role("heading", level=1)).to_have_text(
        "Verify my e-mail address"
    )
    expect(
        later.get_by_text(f"Then you go on to your application to “{offer.title}”.")
    ).to_be_visible()
    assert_accessible(later)
    later.get_by_role("button", name="Verify this address").click()

    expect(later.get_by_role("heading", level=1)).to_have_text(
        f"Log in to apply to {offer.title}"
    )
    assert_accessible(later)
    later.get_by_label("Username or e-mail address").fill("noor.haddad")
    later.locator("#id_password").fill("Plum-Harbour-42")
    later.get_by_role("button", name="Log in").click()

    expect(later).to_have_url(re.compile(re.escape(offer.apply_url()) + "$"))
    expect(later.get_by_role("heading", level=1)).to_contain_text(offer.title)
    expect(later.get_by_label("First name")).to_have_value("Noor")
    assert_accessible(later)
    print(f"\nVerification link to the application: {len(screens)} screens")
    assert len(screens) == 3, screens
    later.context.close()
