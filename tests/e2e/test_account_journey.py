"""A candidate's account on a phone: sign up -> verify by code -> log out ->
forgotten username -> log in with it -> forgotten password -> reset -> log in."""

import re

from django.core import mail
from playwright.sync_api import expect

from .conftest import assert_accessible, open_page

PASSWORD = "Plum-Harbour-42"
NEW_PASSWORD = "Quiet-Lantern-58"


def code_from_last_mail() -> str:
    """The verification code of the newest e-mail."""
    (code,) = re.findall(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE)
    return code


def link_from_last_mail(part: str) -> str:
    """The path of the link containing ``part`` in the newest e-mail."""
    (link,) = [
        link
        for link in re.findall(r"https?://\S+", mail.outbox[-1].body)
        if part in link
    ]
    return re.sub(r"^https?://[^/]+", "", link)


def test_account_journey_on_a_phone(browser, live_server, e2e_site):
    page = open_page(browser, live_server, "phone")
    mail.outbox.clear()

    # The "My profile" pictogram leads to the log-in page, which leads to sign-up.
    page.goto("/en/offers/")
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_accessible(page)
    page.get_by_role("link", name="Create your profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)

    # Sent without accepting the agreement: nothing is created, the summary says why.
    page.locator("#id_first_name").fill("Ann")
    page.locator("#id_last_name").fill("Lee")
    page.locator("#id_username").fill("ann.lee")
    page.locator("#id_email").fill("ann.lee@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("accept the Data Protection Agreement")
    expect(page.locator("#id_username")).to_have_value("ann.lee")
    assert_accessible(page)
    assert mail.outbox == []
    summary.get_by_role("link").click()
    expect(page.locator("#id_accept_data_protection")).to_be_focused()
    page.locator("#id_password1").fill(PASSWORD)  # passwords are never sent back
    page.locator("#id_accept_data_protection").check()
    page.get_by_role("button", name="Create my account").click()

    # The code of the e-mail, typed in the same tab: a wrong one first.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code we sent you"
    )
    expect(page.get_by_text("ann.lee@example.org", exact=True)).to_be_visible()
    assert_accessible(page)
    code = code_from_last_mail()
    page.get_by_label("Code from the e-mail").fill("000000")
    page.get_by_role("button", name="Verify my address").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This is not the code we sent.")
    assert_accessible(page)
    page.get_by_label("Code from the e-mail").fill(code)
    page.get_by_role("button", name="Verify my address").click()

    # Logged in, back where the candidate was; the address verified.
    expect(page).to_have_url(re.compile(r"/en/offers/$"))
    expect(page.get_by_role("status")).to_contain_text("is verified")
    expect(page.get_by_role("status")).to_contain_text("you are logged in")
    page.goto("/en/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Ann")
    expect(page.get_by_text("Verify your e-mail address")).to_have_count(0)
    assert_accessible(page)

    # Log out.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_contain_text("You are logged out.")

    # Forgotten username.
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Forgotten username").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten username")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("ANN.LEE@example.org")
    page.get_by_role("button", name="Send me my username").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)
    assert "ann.lee" in mail.outbox[-1].body

    # Log in with it, and come back to where the candidate was.
    page.goto("/en/offers/")
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Username or e-mail address").fill("ann.lee")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/en/offers/$"))
    expect(page.get_by_role("status")).to_contain_text("you are logged in")
    page.goto("/en/me/")
    page.get_by_role("button", name="Log out").click()

    # Forgotten password, then a new one with the link of the e-mail.
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Forgotten password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten password")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("ann.lee@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)
    page.goto(link_from_last_mail("/en/account/password/reset/key/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")
    assert_accessible(page)

    # Log in with the new password, by e-mail address this time.
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("Username or e-mail address").fill("ann.lee@example.org")
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text("you are logged in")
    page.goto("/en/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Ann")
    assert_accessible(page)
    page.context.close()
