"""A candidate comes from LinkedIn and applies from a phone -> HR moves the card
across the offer's board (a button, then a drag) -> the candidate reads
"Interview" and has the stage's e-mail; the figures count LinkedIn."""

from __future__ import annotations

import re

from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from .conftest import assert_accessible, open_page
from .test_apply_journey import free_offer, log_in


def test_pipeline_journey(browser, live_server, e2e_site):
    offer = free_offer()
    phone = open_page(browser, live_server, "phone")
    log_in(phone, "candidate", "candidate-demo-pass")
    phone.goto(offer.url + "?utm_source=linkedin")
    phone.get_by_role("link", name=re.compile(r"^Apply")).first.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(offer.title)
    phone.get_by_role("button", name="Send my application").click()
    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    Application = apps.get_model("applications", "Application")  # noqa: N806
    application = Application.objects.get(offer=offer, candidate__username="candidate")
    assert application.source == "linkedin"
    mail.outbox.clear()

    admin = open_page(browser, live_server, "desktop")
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("hr")
    admin.get_by_label("Password").fill("hr-demo-pass")
    admin.get_by_role("button", name="Sign in").click()
    expect(admin.get_by_role("heading", level=1)).to_be_visible()
    admin.goto(f"/admin/recruitment/offers/{offer.pk}/board/")
    card = admin.locator(f"#card-{application.pk}")
    new = admin.locator("section", has=admin.get_by_role("heading", name="New"))
    expect(new.locator(f"#card-{application.pk}")).to_be_visible()
    assert_accessible(admin)
    card.get_by_label(re.compile("^Move .* to$")).select_option(label="Interview")
    card.get_by_role("button", name=re.compile("^Move")).click()
    expect(admin.get_by_text("is moved to “Interview”")).to_be_visible()
    interview = admin.locator(
        "section", has=admin.get_by_role("heading", name=re.compile("^Interview"))
    )
    expect(interview.locator(f"#card-{application.pk}")).to_be_visible()
    # Dragged onto "Offer": the card's own form goes with that stage.
    offer_column = admin.locator(
        "section", has=admin.get_by_role("heading", name=re.compile("^Offer"))
    )
    admin.locator(f"#card-{application.pk}").drag_to(
        offer_column, source_position={"x": 4, "y": 4}
    )
    expect(admin.get_by_text("is moved to “Offer”")).to_be_visible()
    expect(offer_column.locator(f"#card-{application.pk}")).to_be_visible()

    admin.goto(f"/admin/recruitment/figures/?offer={offer.pk}")
    expect(admin.locator("tr[data-source-row]", has_text="LinkedIn")).to_contain_text(
        "1"
    )
    assert_accessible(admin)
    admin.context.close()

    # One e-mail: Interview's template (Offer sends none); the candidate reads
    # "Interview", never "Offer".
    [email] = mail.outbox
    assert email.subject == f"Your application “{offer.title}”: an interview"
    phone.goto(f"/en/me/applications/{application.pk}/")
    expect(phone.locator("[data-status]")).to_have_text("Interview")
    assert_accessible(phone)
    phone.context.close()
