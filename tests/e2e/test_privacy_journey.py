"""A candidate's data rights on a phone: a new Data Protection Agreement is
published -> the log-in leads to it and nothing else opens until it is accepted ->
the history shows both versions -> "Download my data" gives a zip with the data
and the CV -> "Delete my account" with a wrong, then the right password -> the
account is gone, a confirmation e-mail is sent, the log-in no longer works."""

import io
import json
import re
import zipfile

from django.core import mail
from playwright.sync_api import expect

from candidates.models import Consent, Document, User
from home.models import DataProtectionPage

from .conftest import assert_accessible, open_page

USERNAME = "candidate"
PASSWORD = "candidate-demo-pass"


def publish_new_agreement() -> None:
    agreement = DataProtectionPage.objects.get(locale__language_code="en")
    agreement.introduction = "Version two: we now keep applications 24 months."
    agreement.save_revision().publish()


def log_in(page) -> None:
    page.goto("/en/account/login/?next=/en/me/")
    page.get_by_label("Username or e-mail address").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_privacy_journey_on_a_phone(browser, live_server, e2e_site):
    candidate = User.objects.get(username=USERNAME)
    assert candidate.consents.count() == 1
    assert candidate.documents.exists()
    publish_new_agreement()
    page = open_page(browser, live_server, "phone")

    # The log-in leads to the new agreement; other pages wait for the answer.
    log_in(page)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("The Data Protection Agreement has changed")
    assert_accessible(page)
    page.goto("/en/me/applications/")
    expect(heading).to_have_text("The Data Protection Agreement has changed")
    page.get_by_role("button", name="Accept and continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    assert_accessible(page)
    assert candidate.consents.count() == 1
    page.get_by_label("I accept the Data Protection Agreement").check()
    page.get_by_role("button", name="Accept and continue").click()
    expect(page).to_have_url(re.compile(r"/en/me/applications/$"))
    assert candidate.consents.count() == 2

    # Both versions in "My parameters".
    page.goto("/en/me/parameters/")
    consents = page.locator("#consents")
    expect(consents.locator(".entry")).to_have_count(2)
    expect(consents.get_by_text("current version", exact=True)).to_be_visible()
    assert_accessible(page)

    # "Download my data": a zip with the data and the documents.
    page.get_by_role("link", name="Download my data").first.click()
    expect(heading).to_have_text("Download my data")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (zip)").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    names = archive.namelist()
    data = json.loads(archive.read("data.json"))
    assert data["account"]["username"] == USERNAME
    assert len(data["consents"]) == 2
    documents = [name for name in names if name.startswith("documents/")]
    assert len(documents) == candidate.documents.count() >= 1

    # "Delete my account": a wrong password changes nothing.
    page.goto("/en/me/parameters/")
    page.get_by_role("link", name="Delete my account").click()
    expect(heading).to_have_text("Delete my account")
    assert_accessible(page)
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_be_focused()
    assert_accessible(page)
    assert User.objects.filter(username=USERNAME).exists()
    mail.outbox.clear()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(heading).to_have_text("Your account is deleted")
    assert_accessible(page)
    assert not User.objects.filter(username=USERNAME).exists()
    assert not Consent.objects.filter(user_id=candidate.pk).exists()
    assert not Document.objects.filter(owner_id=candidate.pk).exists()
    [confirmation] = [m for m in mail.outbox if candidate.email in m.to]
    assert "deleted" in confirmation.subject.lower()

    # Logged out, and the log-in no longer works.
    page.goto("/en/me/")
    expect(heading).to_have_text("Log in")
    page.get_by_label("Username or e-mail address").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
