"""A job alert from end to end: a search without results -> "Create an alert for
this search" -> log in -> the prefilled alert, changed in "My parameters" -> HR
publishes a matching offer in the admin -> the e-mail arrives -> its offer link
and its unsubscribe link work."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.apps import apps
from django.core import mail
from playwright.sync_api import Page, expect

from alerts.models import JobAlert

from .conftest import assert_accessible, open_page

TITLE = "Quantum software engineer"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def log_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Username or e-mail address").fill(username)
    page.get_by_label(re.compile(r"^Password")).fill(password)
    page.get_by_role("button", name="Log in").click()


def publish_offer_in_the_admin(page: Page) -> None:
    """HR writes and publishes an offer in Wagtail's editor."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("hr")
    page.get_by_label("Password").fill("hr-demo-pass")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    index_model = apps.get_model("offers", "OfferIndexPage")
    index_id = index_model.objects.get(locale__language_code="en").pk
    page.goto(f"/admin/pages/add/offers/offerpage/{index_id}/")
    page.locator("#id_title").fill(TITLE)
    # The slug is typed too: under load, the editor's script that copies the
    # title into it may start after the title was filled.
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_slug").fill("quantum-software-engineer")
    page.get_by_role("tab", name="Content").click()
    page.get_by_role("button", name="Choose job family").click()
    page.get_by_role("dialog").get_by_role("link", name="Engineering").click()
    expect(page.locator("#id_job_family")).not_to_have_value("")
    page.locator("#id_locations").select_option(label="Lyon, France")
    page.locator("#id_contract_type").select_option(label="Permanent")
    page.locator("#id_remote_policy").select_option(label="Hybrid")
    # Missions and profile come from an offer template, filled in on saving.
    page.get_by_role("button", name="Choose offer template").click()
    page.get_by_role("dialog").get_by_role(
        "link", name="Engineering, permanent contract"
    ).click()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{TITLE}' created.")).to_be_visible()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{TITLE}' has been published.")).to_be_visible()


def test_alert_journey(page, browser, live_server, e2e_site):
    # A search that finds nothing offers an alert; it needs an account.
    page.goto("/en/offers/?q=quantum")
    expect(page.get_by_text("No open offer matches your search")).to_be_visible()
    page.get_by_role("link", name="Create an alert for this search").click()
    expect(page).to_have_url(re.compile(r"/en/account/login/\?next="))
    assert_accessible(page)
    log_in(page, "candidate", "candidate-demo-pass")

    # Back on the alert, prefilled from the search.
    expect(page.get_by_role("heading", level=1)).to_have_text("New alert")
    expect(page.get_by_label("Keywords")).to_have_value("quantum")
    checkbox = page.get_by_label(
        "Send me an alert by e-mail when an offer corresponding to my preferences "
        "is published"
    )
    expect(checkbox).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My parameters")
    expect(page.get_by_role("status")).to_contain_text("Your alert is saved.")
    alerts = page.locator("#alerts")
    expect(alerts.get_by_role("heading", name="quantum")).to_be_visible()
    assert_accessible(page)

    # "My alerts" > "Change": narrowed to Engineering, with a mistake first.
    alerts.get_by_role("link", name="Change the alert “quantum”").click()
    page.get_by_label("Keywords").fill("quantum a b c d e f g h i j")  # 11 words
    page.get_by_role("group", name="Job families").get_by_label("Engineering").check()
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Keywords")
    assert_accessible(page)
    page.get_by_label("Keywords").fill("quantum")
    page.get_by_role("button", name="Save").click()
    expect(alerts.get_by_role("heading", name="quantum · Engineering")).to_be_visible()
    alert = JobAlert.objects.get(candidate__username="candidate", keywords="quantum")
    already_sent = len(mail.outbox)

    # HR publishes a matching offer in the admin.
    hr = open_page(browser, live_server, "desktop")
    try:
        publish_offer_in_the_admin(hr)
    finally:
        hr.context.close()

    (message,) = mail.outbox[already_sent:]
    assert message.to == ["candidate@example.com"]
    assert message.subject == f"New offer: {TITLE}"
    links = re.findall(r"http://testserver/\S+", message.body)
    offer_link = next(link for link in links if "/en/offers/" in link)
    unsubscribe_link = next(link for link in links if "/unsubscribe/" in link)

    page.goto(path_of(offer_link))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)

    # The unsubscribe link works without a session.
    page.context.clear_cookies()
    page.goto(path_of(unsubscribe_link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop this job alert?")
    assert_accessible(page)
    page.get_by_role("button", name="Stop this alert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your job alert is stopped"
    )
    expect(page.get_by_text("Changed your mind?")).to_be_visible()
    assert_accessible(page)
    alert.refresh_from_db()
    assert not alert.active
