"""E-mail subjects are plain text: a name with an apostrophe, an ampersand or
accents reads as typed ("Seán O'Brien & Co"), never HTML-escaped, in every e-mail
of the site (the account's, the applications', the data rights', the alerts' and
the contact form's)."""

from types import SimpleNamespace

import pytest
from django.core import mail

from applications.emails import queue_status_email, queue_submission_emails
from applications.factories import ApplicationFactory
from applications.models import StatusChange
from candidates.factories import EmailAddressFactory, UserFactory
from core.outbox import queue_email, render_subject
from home.models import PortalSettings
from privacy.emails import queue_email as queue_privacy_email

pytestmark = pytest.mark.django_db

ORGANISATION = "Seán O'Brien & Co <Ltd>"
TITLE = 'R&D engineer – L\'Oréal "Labs"'
ESCAPES = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;")


@pytest.fixture
def site_settings(home_page):
    portal = PortalSettings.for_site(home_page.get_site())
    portal.organisation_name = ORGANISATION
    portal.hr_email = "hr@example.com"
    portal.save()
    return portal


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs ``action`` and what waits for its commit; the e-mails sent."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(mail.outbox)

    return run


def assert_plain(subject: str, *expected: str) -> None:
    assert not any(escape in subject for escape in ESCAPES), subject
    for text in expected:
        assert text in subject, subject
    assert "\n" not in subject and subject == subject.strip()


def test_render_subject_does_not_escape_and_keeps_one_line():
    application = SimpleNamespace(candidate_name="Seán\nO'Brien", title=TITLE)
    subject = render_subject(
        "emails/applications/hr_notification_subject.txt",
        {"application": application},
    )
    assert subject == f"New application from Seán O'Brien: {TITLE}"


def test_account_emails(client, site_settings, sent):
    user = UserFactory(username="sean", email="sean@example.org")
    EmailAddressFactory(user=user)
    emails = sent(
        lambda: (
            client.post("/en/account/password/reset/", {"email": "sean@example.org"}),
            client.post("/en/account/forgot-username/", {"email": "sean@example.org"}),
        )
    )
    assert len(emails) == 2
    for email in emails:
        assert_plain(email.subject, ORGANISATION)


def test_application_emails(site_settings, sent):
    candidate = UserFactory(first_name="Seán", last_name="O'Brien & Ñuñez")
    application = ApplicationFactory(
        candidate=candidate, speculative=False, offer_title=TITLE
    )
    emails = sent(lambda: queue_submission_emails(application))
    subjects = {email.to[0]: email.subject for email in emails}
    assert_plain(subjects[candidate.email], TITLE)
    assert_plain(subjects["hr@example.com"], "Seán O'Brien & Ñuñez", TITLE)
    mail.outbox.clear()
    change = StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=application.status,
    )
    (email,) = sent(lambda: queue_status_email(change))
    assert_plain(email.subject, TITLE)


def test_privacy_emails(site_settings, sent):
    (email,) = sent(
        lambda: queue_privacy_email(
            "erased-1", "sean@example.org", "account_erased", {}, language="en"
        )
    )
    assert_plain(email.subject, ORGANISATION)


def test_the_outbox_keeps_a_subject_as_given_on_one_line(sent):
    (email,) = sent(
        lambda: queue_email(
            key="plain", to=["a@example.org"], subject=f"  {TITLE}\r\n x ", body="-"
        )
    )
    assert email.subject == f"{TITLE} x"
