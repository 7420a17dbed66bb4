"""Upload a CV at desktop size -> apply from a phone choosing that CV -> save a
draft -> resume -> submit -> status shown; HR moves it to a stage in the admin ->
the candidate sees its public status. A new candidate, from Apply to sent in six
screens."""

from __future__ import annotations

import re

from django.apps import apps
from django.core import mail
from playwright.sync_api import Page, expect

from applications.factories import PDF

from .conftest import assert_accessible, open_page


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/en/account/login/")
    page.get_by_label("Username or e-mail address").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def free_offer():
    """An open offer the demo candidate has not applied to."""
    OfferPage = apps.get_model("offers", "OfferPage")  # noqa: N806
    return (
        OfferPage.objects.open()
        .exclude(applications__candidate__username="candidate")
        .order_by("pk")
        .first()
    )


def test_apply_journey(browser, live_server, e2e_site):
    offer = free_offer()
    desktop = open_page(browser, live_server, "desktop")
    log_in(desktop, "candidate", "candidate-demo-pass")
    desktop.goto("/en/me/documents/")
    assert_accessible(desktop)
    desktop.get_by_label("File").set_input_files(
        {"name": "journey.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    desktop.get_by_label("Name").fill("Journey CV")
    desktop.get_by_role("button", name="Add the document").click()
    expect(desktop.get_by_text("“Journey CV” is in your documents.")).to_be_visible()
    expect(desktop.get_by_role("link", name="Journey CV", exact=True)).to_be_visible()
    assert_accessible(desktop)
    desktop.context.close()

    phone = open_page(browser, live_server, "phone")
    log_in(phone, "candidate", "candidate-demo-pass")
    phone.goto(offer.url)
    phone.get_by_role("link", name=re.compile(r"^Apply")).first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(offer.title)
    assert_accessible(phone)
    journey_cv = phone.locator('label:has(input[name="cv"])', has_text="Journey CV")
    journey_cv.locator("input").check()
    phone.get_by_label("Message to HR (optional)").fill("Available from June.")
    phone.get_by_role("button", name="Save as draft").click()
    expect(phone.get_by_text("Your draft is saved.")).to_be_visible()

    phone.goto("/en/me/applications/")
    assert_accessible(phone)
    card = phone.locator("[data-application]", has_text=offer.title)
    expect(card.locator("[data-status]")).to_have_text("Draft, not sent")
    # One tap from the card back into the form.
    card.get_by_role("link", name=re.compile(r"^Finish your application")).click()
    expect(phone.get_by_text("You are resuming your draft")).to_be_visible()
    expect(phone.get_by_label("Message to HR (optional)")).to_have_value(
        "Available from June."
    )
    expect(journey_cv.locator("input")).to_be_checked()
    phone.get_by_role("button", name="Send my application").click()
    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    expect(phone.locator("[data-status]")).to_have_text("Received")
    assert_accessible(phone)

    application = apps.get_model("applications", "Application").objects.get(
        offer=offer, candidate__username="candidate"
    )
    admin = open_page(browser, live_server, "desktop")
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("hr")
    admin.get_by_label("Password").fill("hr-demo-pass")
    admin.get_by_role("button", name="Sign in").click()
    expect(admin.get_by_role("heading", level=1)).to_be_visible()
    admin.goto(f"/admin/applications/application/inspect/{application.pk}/")
    expect(admin.get_by_text("Available from June.")).to_be_visible()
    admin.get_by_label("Move to the stage").select_option(
        label="Interview (candidate sees: Interview)"
    )
    admin.get_by_label("Message to the candidate (optional)").fill("See you Monday.")
    admin.get_by_role("button", name="Move the application").click()
    expect(admin.locator("[data-stage]")).to_have_text("Interview")
    expect(admin.locator("[data-status]")).to_have_text("Interview")
    admin.context.close()

    phone.goto(f"/en/me/applications/{application.pk}/")
    expect(phone.locator("[data-status]")).to_have_text("Interview")
    expect(phone.get_by_text("See you Monday.")).to_be_visible()
    assert_accessible(phone)
    phone.context.close()


def test_a_new_candidate_applies_in_six_screens_on_a_phone(
    browser, live_server, e2e_site
):
    """Apply on an offer as a visitor -> log-in page naming the offer -> "Create your
    profile" -> the code of the e-mail, in the same tab -> the application form ->
    sent: six screens at most, each accessible."""
    offer = free_offer()
    phone = open_page(browser, live_server, "phone")
    screens: list[str] = []
    phone.on(
        "framenavigated",
        lambda frame: screens.append(frame.url) if frame == phone.main_frame else None,
    )

    phone.goto(offer.url)
    assert_accessible(phone)
    phone.get_by_role("link", name=re.compile(r"^Apply")).first.click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        f"Log in to apply to {offer.title}"
    )
    assert_accessible(phone)
    phone.get_by_role("link", name="Create your profile").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Create an account")
    expect(phone.get_by_text(f"your application to “{offer.title}”")).to_be_visible()
    assert_accessible(phone)
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
    expect(phone.get_by_text(f"your application to “{offer.title}”")).to_be_visible()
    assert_accessible(phone)
    (code,) = re.findall(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE)
    phone.get_by_label("Code from the e-mail").fill(code)
    phone.get_by_role("button", name="Verify my address").click()

    expect(phone).to_have_url(re.compile(re.escape(offer.apply_url()) + "$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text(offer.title)
    assert_accessible(phone)
    expect(phone.get_by_label("First name")).to_have_value("Noor")
    phone.get_by_label("Your CV").set_input_files(
        {"name": "noor-cv.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_role("button", name="Send my application").click()

    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    expect(phone.locator("[data-status]")).to_have_text("Received")
    assert_accessible(phone)
    assert len(screens) <= 6, screens
    phone.context.close()
