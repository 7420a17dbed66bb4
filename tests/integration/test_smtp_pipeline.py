"""A stage change reaches a real SMTP server with the stage's template, text and
HTML, once."""

from __future__ import annotations

import pytest

from applications import services
from applications.choices import Status
from applications.factories import ApplicationFactory
from applications.models import Stage
from candidates.factories import UserFactory
from home.factories import make_site_root
from home.groups import HR_RECRUITERS
from offers.factories import OfferIndexPageFactory, OfferPageFactory

pytestmark = pytest.mark.django_db


def test_a_stage_change_sends_its_template_through_smtp(
    smtp_server, django_capture_on_commit_callbacks
):
    home = make_site_root()
    offer = OfferPageFactory(
        parent=OfferIndexPageFactory(parent=home), title="Data analyst"
    )
    candidate = UserFactory(email="ana@example.org", first_name="Ana")
    hr = UserFactory(groups=[HR_RECRUITERS])
    application = ApplicationFactory(
        candidate=candidate, offer=offer, status=Status.SUBMITTED, cv=None
    )
    interview = Stage.objects.get(name="Interview")
    with django_capture_on_commit_callbacks(execute=True):
        change = services.move_to_stage(
            application, interview, hr, notify=True, message="Room 4."
        )
    (received,) = smtp_server.received
    assert received.envelope_to == ["ana@example.org"]
    # (The header decodes with the space that folded it.)
    assert received.subject.strip() == "Your application “Data analyst”: an interview"
    assert "Hello Ana," in received.text()
    assert f"“Data analyst” ({offer.reference})" in received.text()
    assert "Room 4." in received.text()
    assert "<p>Hello Ana,</p>" in received.html()
    change.refresh_from_db()
    assert change.email_subject == received.subject.strip()
    # A retried move of the same change queues nothing more.
    from applications.emails import queue_stage_email

    with django_capture_on_commit_callbacks(execute=True):
        queue_stage_email(change)
    assert len(smtp_server.received) == 1
