"""The contact form e-mails HR, turns spam away and refuses header injection."""

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage

VALID = {
    "your_name": "Jane Doe",
    "your_e_mail_address": "jane@example.org",
    "subject": "A question about the internship",
    "your_message": "Hello,\nIs the internship open to second-year students?",
}


@pytest.fixture
def contact_page(demo_site):
    return ContactPage.objects.get(locale__language_code="en")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Posts the contact form and runs what waits for the commit (the e-mail)."""

    def send(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/en/contact/", data, **extra)

    return send


def test_form_shows_fields_and_says_applications_are_not_processed(
    client, contact_page
):
    html = client.get("/en/contact/").content.decode()
    for name in VALID:
        assert f'name="{name}"' in html
    assert "Applications sent through it are not processed" in html
    # The honeypot is in the page but hidden from people.
    assert '<div class="form-field form-field--textinput" hidden>' in html


def test_valid_message_is_emailed_to_hr(client, contact_page, post):
    response = post(VALID)
    assert response.status_code == 200
    assert "Thank you, your message was sent" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hr@example.com"]
    assert message.reply_to == ["jane@example.org"]
    assert message.subject == contact_page.subject
    assert "Is the internship open to second-year students?" in message.body
    assert "website" not in message.body
    html_part, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Jane Doe" in html_part
    submission = FormSubmission.objects.get()
    assert "website" not in submission.form_data
    assert submission.form_data["your_name"] == "Jane Doe"


def test_to_address_overrides_the_hr_address(client, contact_page, post):
    contact_page.to_address = "team@example.com, boss@example.com"
    contact_page.save()
    post(VALID)
    assert mail.outbox[0].to == ["team@example.com", "boss@example.com"]


def test_missing_fields_show_the_summary_and_send_nothing(client, contact_page, post):
    response = post({**VALID, "your_message": "", "your_e_mail_address": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "There are problems with this form" in html
    assert 'href="#id_your_message"' in html
    assert 'href="#id_your_e_mail_address"' in html
    assert 'id="id_your_message_error"' in html
    assert 'aria-invalid="true"' in html
    # What the candidate typed is kept.
    assert 'value="Jane Doe"' in html
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


def test_honeypot_turns_robots_away_with_a_clear_message(client, contact_page, post):
    response = post({**VALID, "website": "http://spam.example"})
    html = response.content.decode()
    assert "looks automated and was not sent" in html
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


@pytest.mark.parametrize(
    "field,value",
    [
        ("your_name", "Jane\r\nBcc: victim@example.org"),
        ("subject", "Hello\nContent-Type: text/html"),
        ("your_e_mail_address", "jane@example.org\nBcc: victim@example.org"),
        ("your_name", "Jane\x00Doe"),
    ],
)
def test_header_injection_sends_nothing(client, contact_page, field, value, post):
    response = post({**VALID, field: value})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 0


def test_multiline_message_may_hold_line_breaks(client, contact_page, post):
    post({**VALID, "your_message": "Line one\r\nLine two"})
    assert len(mail.outbox) == 1


@override_settings(CONTACT_RATE_LIMIT=2, CONTACT_RATE_WINDOW=600)
def test_rate_limit_per_address_with_a_clear_message(client, contact_page, post):
    for _ in range(2):
        assert post(VALID, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = post(VALID, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert (
        "Too many messages were sent from your connection" in response.content.decode()
    )
    assert "10 minutes" in response.content.decode()
    assert len(mail.outbox) == 2
    # Another address is not affected.
    assert post(VALID, REMOTE_ADDR="198.51.100.1").status_code == 200
    assert len(mail.outbox) == 3


@override_settings(CONTACT_RATE_LIMIT=1, TRUSTED_PROXY_COUNT=0)
def test_forged_forwarded_header_does_not_escape_the_limit(client, contact_page, post):
    post(VALID, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = post(VALID, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429


def test_without_any_address_nothing_is_sent_but_the_message_is_kept(
    client, contact_page, post
):
    from home.models import PortalSettings

    settings = PortalSettings.objects.get()
    settings.hr_email = ""
    settings.save()
    response = post(VALID)
    assert response.status_code == 200
    assert mail.outbox == []
    assert FormSubmission.objects.count() == 1
