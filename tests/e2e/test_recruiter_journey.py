"""A recruiter's day, end to end: HR adds two questions to an offer in the page
editor (a yes/no with a knock-out answer, a short text) and publishes it -> a
candidate comes from LinkedIn on a phone, is stopped by the error summary, answers
(the knock-out answer among them), saves a draft and sends it -> HR finds the
application under the knock-out filter with its answers, then moves its card
across the board: with the keyboard to Screening, "Notify the candidate"
unticked, then dragged onto Interview, confirmed with the e-mail's subject -> the
candidate reads "Interview" in My applications and receives Interview's e-mail
through a real SMTP server; the figures count LinkedIn."""

from __future__ import annotations

import re
import time

from django.apps import apps
from django.urls import reverse
from playwright.sync_api import Page, expect

from .conftest import assert_accessible, open_page
from .test_apply_journey import free_offer, log_in

LICENCE = "Do you hold a driving licence?"
HEARD = "Where did you hear about us?"


def log_in_to_the_admin(page: Page) -> None:
    page.goto(reverse("wagtailadmin_login"))
    page.get_by_label("Username").fill("hr")
    page.get_by_label("Password").fill("hr-demo-pass")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def add_question(page: Page, kind: str) -> None:
    """Adds a question of ``kind`` at the end of the offer's questions."""
    page.locator("#tab-questions").get_by_role(
        "button", name="Insert a block"
    ).last.click()
    page.get_by_role("option", name=kind).click()


def add_questions_and_publish(page: Page, offer) -> None:
    page.goto(reverse("wagtailadmin_pages:edit", args=[offer.pk]))
    page.get_by_role("tab", name="Questions").click()
    add_question(page, "Yes or no")
    page.locator("#questions-0-value-text").fill(LICENCE)
    page.locator("#questions-0-value-knockout_answer").select_option(label="No")
    add_question(page, "Short text")
    page.locator("#questions-1-value-text").fill(HEARD)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text(f"Page '{offer.title}' has been published.")
    ).to_be_visible()


def column(page: Page, stage: str):
    return page.locator(
        "section", has=page.get_by_role("heading", name=re.compile(f"^{stage}"))
    )


def received_mail(smtp_server, count: int) -> list:
    """What the SMTP server received, once it holds ``count`` messages."""
    deadline = time.monotonic() + 10
    while len(smtp_server.received) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return list(smtp_server.received)


def test_recruiter_journey(browser, live_server, e2e_site, smtp_server):
    # What the test reads of the database, it reads while no page is loading
    # (the live server shares the in-memory database).
    offer = free_offer()
    candidate = apps.get_model("candidates", "User").objects.get(username="candidate")
    admin = open_page(browser, live_server, "desktop")
    log_in_to_the_admin(admin)
    add_questions_and_publish(admin, offer)

    # The candidate, on a phone, comes from LinkedIn.
    phone = open_page(browser, live_server, "phone")
    log_in(phone, "candidate", "candidate-demo-pass")
    phone.goto(offer.url + "?utm_source=linkedin")
    assert_accessible(phone)
    phone.get_by_role("link", name=re.compile(r"^Apply")).first.click()
    expect(phone.get_by_role("group", name="Questions about the job")).to_be_visible()
    phone.get_by_role("button", name="Send my application").click()
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_contain_text(LICENCE)
    expect(summary).to_contain_text(HEARD)
    assert_accessible(phone)
    phone.get_by_role("group", name=LICENCE).get_by_label("No").check()
    phone.get_by_label(HEARD).fill("A friend who works there")
    phone.get_by_role("button", name="Save as draft").click()
    expect(phone.get_by_text("Your draft is saved.")).to_be_visible()
    expect(phone.get_by_label(HEARD)).to_have_value("A friend who works there")
    phone.get_by_role("button", name="Send my application").click()
    expect(phone.get_by_text("Your application is sent.")).to_be_visible()
    answers = phone.get_by_role("region", name="Your answers")
    expect(answers).to_contain_text(LICENCE)
    expect(answers).to_contain_text("A friend who works there")
    # HR's knock-out flag is not the candidate's business.
    expect(phone.get_by_text("Knock-out")).to_have_count(0)
    assert_accessible(phone)
    application_pk = int(re.search(r"/applications/(\d+)/", phone.url).group(1))
    # (The candidate's receipt and HR's notice went through SMTP too.)
    sent_before = len(received_mail(smtp_server, 0))

    # HR finds it under the knock-out filter, with its answers.
    admin.goto(
        reverse("applications_application_modeladmin_index")
        + f"?knocked_out=yes&offer={offer.pk}"
    )
    admin.get_by_role("link", name="Inspect").click()
    expect(admin.locator("[data-knocked-out]")).to_be_visible()
    expect(admin.get_by_text("A friend who works there")).to_be_visible()

    # The board: the card in "New", flagged.
    admin.goto(reverse("applications_board", args=[offer.pk]))
    card = admin.locator(f"#card-{application_pk}")
    expect(column(admin, "New").locator(f"#card-{application_pk}")).to_be_visible()
    expect(card.locator("[data-knock-out]")).to_be_visible()
    name = card.get_by_role("heading").inner_text()
    assert_accessible(admin)

    # With the keyboard: Screening, "Notify the candidate" unticked, Move.
    card.get_by_label(f"Move {name} to").select_option(label="Screening")
    notify = card.get_by_label(f"Notify the candidate – {name}")
    expect(notify).to_be_checked()
    notify.focus()
    admin.keyboard.press("Space")
    expect(notify).not_to_be_checked()
    admin.keyboard.press("Tab")
    admin.keyboard.press("Enter")
    expect(admin.get_by_text(f"{name} is moved to “Screening”.")).to_be_visible()
    expect(
        column(admin, "Screening").locator(f"#card-{application_pk}")
    ).to_be_visible()
    expect(card).to_be_focused()
    assert len(received_mail(smtp_server, 0)) == sent_before

    # Dragged onto Interview: HR is asked, with the subject of Interview's e-mail.
    card.drag_to(column(admin, "Interview"), source_position={"x": 4, "y": 4})
    subject = f"Your application “{offer.title}”: an interview"
    expect(admin.locator("[data-email-subject]")).to_have_text(subject)
    expect(admin.get_by_label("Notify the candidate by e-mail")).to_be_checked()
    assert_accessible(admin)
    admin.get_by_role("button", name="Move", exact=True).click()
    expect(admin.get_by_text(f"{name} is moved to “Interview”.")).to_be_visible()
    expect(
        column(admin, "Interview").locator(f"#card-{application_pk}")
    ).to_be_visible()
    expect(card).to_be_focused()

    admin.goto(reverse("applications_figures") + f"?offer={offer.pk}")
    expect(admin.locator("tr[data-source-row]", has_text="LinkedIn")).to_contain_text(
        "1"
    )
    admin.context.close()

    # One e-mail, Interview's, through SMTP: Screening's was not wanted.
    [received] = received_mail(smtp_server, sent_before + 1)[sent_before:]
    assert received.envelope_to == [candidate.email]
    assert received.subject.strip() == subject
    assert f"Hello {candidate.first_name}," in received.text()
    phone.goto(reverse("applications:list"))
    card = phone.locator("[data-application]", has_text=offer.title)
    expect(card.locator("[data-status]")).to_have_text("Interview")
    assert_accessible(phone)
    phone.context.close()
    Application = apps.get_model("applications", "Application")  # noqa: N806
    assert Application.objects.get(pk=application_pk).source == "linkedin"
