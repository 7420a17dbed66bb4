"""First journey: home -> FAQ -> contact form, sent with an error first."""

import re

from django.core import mail
from playwright.sync_api import expect

from .conftest import assert_accessible


def test_home_faq_contact(page):
    page.goto("/en/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="My profile")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role(
        "link", name="Frequently asked questions"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/faq/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Frequently asked questions"
    )
    question = page.locator("details").first
    question.locator("summary").click()
    expect(question).to_have_attribute("open", "")
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact")
    assert_accessible(page)

    # Sent with a mistake: the summary appears, takes the focus and links the field.
    page.get_by_label("Your name").fill("Jane Doe")
    page.get_by_label("Your e-mail address").fill("not-an-address")
    page.get_by_label("Subject").fill("Internships")
    page.get_by_role("button", name="Send the message").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your e-mail address")
    expect(summary).to_contain_text("Your message")
    expect(page.get_by_label("Your name")).to_have_value("Jane Doe")
    assert_accessible(page)
    summary.get_by_role("link", name="Your message").click()
    expect(page.get_by_label("Your message")).to_be_focused()
    assert mail.outbox == []

    page.get_by_label("Your e-mail address").fill("jane@example.org")
    page.get_by_label("Your message").fill("Are internships open in spring?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, your message was sent"
    )
    assert_accessible(page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hr@example.com"]
