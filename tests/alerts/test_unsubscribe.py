"""One-click unsubscribe: signed links, RFC 8058 headers, no log-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from alerts.factories import JobAlertFactory
from alerts.tokens import SALT, make_token

from .conftest import run_alert_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as a real browser session would be."""
    return Client(enforce_csrf_checks=True)


def unsubscribe_url(message) -> str:
    """The path of the e-mail's List-Unsubscribe link."""
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<http://testserver(/en/alerts/unsubscribe/[^/>]+/)>", header)
    return match[1]


def sent_alert_email(world, **criteria):
    alert = JobAlertFactory(**criteria)
    offer = world.publish(world.draft("Python developer"))
    run_alert_task(offer.pk)
    (message,) = mail.outbox
    return alert, message


def test_the_email_carries_the_one_click_headers(world):
    alert, message = sent_alert_email(world)
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    path = unsubscribe_url(message)
    assert f"http://testserver{path}" in message.body
    assert f"http://testserver{path}" in message.alternatives[0][0]


def test_a_get_asks_and_a_post_stops_the_alert(world, csrf_client):
    alert, message = sent_alert_email(world, keywords="python")
    path = unsubscribe_url(message)
    response = csrf_client.get(path)
    assert response.status_code == 200
    assert "Stop this job alert?" in response.content.decode()
    assert 'name="robots" content="noindex"' in response.content.decode()
    alert.refresh_from_db()
    assert alert.active  # link scanners open links: a GET changes nothing

    # The mail client's one-click POST: no session, no CSRF token.
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your job alert is stopped" in html
    assert "tick “Send me an alert by e-mail" in html
    alert.refresh_from_db()
    assert not alert.active
    # Twice is harmless.
    assert csrf_client.post(path).status_code == 200


def test_only_the_alerts_of_the_email_are_stopped(world, client):
    alert, message = sent_alert_email(world)
    other = JobAlertFactory(candidate=alert.candidate, keywords="kotlin")
    client.post(unsubscribe_url(message))
    other.refresh_from_db()
    assert other.active


def test_a_tampered_token_does_nothing(world, client):
    alert, message = sent_alert_email(world)
    path = unsubscribe_url(message)
    token = path.split("/")[-2]
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "junk", "a" * 3000):
        response = client.post(f"/en/alerts/unsubscribe/{bad}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    alert.refresh_from_db()
    assert alert.active


def test_a_token_signed_for_another_purpose_does_nothing(world, client):
    alert = JobAlertFactory()
    token = signing.dumps({"c": alert.candidate_id, "a": [alert.pk]})  # no salt
    assert client.post(f"/en/alerts/unsubscribe/{token}/").status_code == 404
    token = signing.dumps({"c": "x", "a": None}, salt=SALT)
    assert client.post(f"/en/alerts/unsubscribe/{token}/").status_code == 404
    alert.refresh_from_db()
    assert alert.active


def test_a_token_of_another_candidate_does_nothing(world, client):
    jane_alert, bob_alert = JobAlertFactory(), JobAlertFactory()
    token = make_token(jane_alert.candidate_id, [bob_alert.pk])
    response = client.post(f"/en/alerts/unsubscribe/{token}/")
    assert response.status_code == 404
    bob_alert.refresh_from_db()
    assert bob_alert.active


def test_an_expired_token(world, client, settings):
    settings.JOB_ALERTS_UNSUBSCRIBE_DAYS = 30
    alert = JobAlertFactory()
    token = make_token(alert.candidate_id, [alert.pk])
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert client.get(f"/en/alerts/unsubscribe/{token}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = client.post(f"/en/alerts/unsubscribe/{token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    alert.refresh_from_db()
    assert alert.active


def test_a_deleted_alert(world, client):
    alert = JobAlertFactory()
    token = make_token(alert.candidate_id, [alert.pk])
    alert.delete()
    assert client.post(f"/en/alerts/unsubscribe/{token}/").status_code == 404


def test_other_methods_are_refused(world, client):
    alert = JobAlertFactory()
    token = make_token(alert.candidate_id, [alert.pk])
    assert client.put(f"/en/alerts/unsubscribe/{token}/").status_code == 405
