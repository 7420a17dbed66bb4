"""An offer with HR's questions, on a phone: sent without answers -> the error
summary names the questions -> answered, a knock-out answer among them -> saved as
a draft, resumed, sent -> the candidate reads their answers; HR finds the
application under the knock-out filter, with the answers on its page."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, open_page
from .test_apply_journey import log_in

LICENCE = "Do you hold a driving licence?"


def test_a_candidate_answers_the_offer_questions(browser, live_server, e2e_site):
    offer = apps.get_model("offers", "OfferPage").objects.get(
        title="Maintenance technician"
    )
    phone = open_page(browser, live_server, "phone")
    log_in(phone, "candidate", "candidate-demo-pass")
    phone.goto(offer.apply_url())
    expect(phone.get_by_role("group", name="Questions about the job")).to_be_visible()
    assert_accessible(phone)

    phone.get_by_role("button", name="Send my application").click()
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_contain_text(LICENCE)
    expect(summary).to_contain_text("When can you start?")
    assert_accessible(phone)

    phone.get_by_role("group", name=LICENCE).get_by_label("No").check()
    phone.get_by_label("Two months").check()
    phone.get_by_label("When can you start?").fill("2027-02-15")
    phone.get_by_role("button", name="Save as draft").click()
    expect(phone.get_by_text("Your draft is saved.")).to_be_visible()
    expect(phone.get_by_label("Two months")).to_be_checked()
    expect(phone.get_by_label("When can you start?")).to_have_value("2027-02-15")

    phone.get_by_role("button", name="Send my application").click()
    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    answers = phone.get_by_role("region", name="Your answers")
    expect(answers).to_contain_text(LICENCE)
    expect(answers).to_contain_text("Two months")
    expect(phone.get_by_text("Knock-out")).to_have_count(0)
    assert_accessible(phone)
    phone.context.close()

    admin = open_page(browser, live_server, "desktop")
    admin.goto(reverse("wagtailadmin_login"))
    admin.get_by_label("Username").fill("hr")
    admin.get_by_label("Password").fill("hr-demo-pass")
    admin.get_by_role("button", name="Sign in").click()
    expect(admin.get_by_role("heading", level=1)).to_be_visible()
    admin.goto(
        reverse("applications_application_modeladmin_index") + "?knocked_out=yes"
    )
    admin.get_by_role("link", name="Inspect").click()
    expect(admin.locator("[data-knocked-out]")).to_be_visible()
    expect(admin.get_by_text("Feb. 15, 2027")).to_be_visible()
    admin.context.close()
