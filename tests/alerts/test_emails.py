"""Alert e-mails through a real SMTP server: text, HTML and headers."""

from __future__ import annotations

import pytest

from alerts.factories import JobAlertFactory
from candidates.factories import UserFactory

from .conftest import run_alert_task

pytestmark = pytest.mark.django_db


def test_alert_email_reaches_the_smtp_server(world, smtp_server):
    jane = UserFactory(email="jane@example.org", first_name="Jane")
    JobAlertFactory(candidate=jane, keywords="python")
    JobAlertFactory(candidate=jane, locations=[world.places["paris"]])
    offer = world.draft(
        "Python developer",
        locations=[world.places["lyon"], world.places["paris"]],
        contract_type="fixed_term",
        remote_policy="hybrid",
    )
    world.publish(offer)
    assert run_alert_task(offer.pk) == 1

    (received,) = smtp_server.received
    assert received.envelope_to == ["jane@example.org"]
    message = received.message
    assert message["Subject"] == "New offer: Python developer"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # may come folded
    assert unsubscribe.startswith("<http://testserver/en/alerts/unsubscribe/")
    text, html = received.text(), received.html()
    for body in (text, html):
        assert "Python developer" in body
        assert "Lyon, France, Paris, France, Hybrid" in body
        assert "Fixed-term" in body
        assert "http://testserver/en/offers/python-developer/?utm_source=alert" in body
        assert unsubscribe[1:-1] in body
        assert "Stop these alerts" in body  # both of Jane's alerts matched
    assert "<a href=" in html
    assert "<a href=" not in text
