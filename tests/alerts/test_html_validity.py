"""Every page of the alerts is valid HTML, as the Nu HTML Checker sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.factories import JobAlertFactory
from alerts.tokens import make_token
from candidates.factories import UserFactory
from tests.html_checker import validate

pytestmark = pytest.mark.html_checker


@pytest.mark.django_db
def test_alert_pages_are_valid_html(world, client, tmp_path):
    jane = UserFactory()
    alert = JobAlertFactory(
        candidate=jane,
        keywords="python",
        job_families=[world.families["engineering"]],
        locations=[world.places["lyon"]],
        contract_types=["permanent"],
    )
    JobAlertFactory(candidate=jane, active=False, frequency="weekly")
    token = make_token(jane.pk, [alert.pk])
    client.force_login(jane)
    pages = {
        "parameters": client.get("/en/me/parameters/"),
        "new": client.get("/en/alerts/new/?q=python&family=engineering"),
        "errors": client.post("/en/alerts/new/", {"keywords": "x" * 300}),
        "edit": client.get(f"/en/alerts/{alert.pk}/"),
        "delete": client.get(f"/en/alerts/{alert.pk}/delete/"),
        "unsubscribe": client.get(f"/en/alerts/unsubscribe/{token}/"),
        "unsubscribed": client.post(f"/en/alerts/unsubscribe/{token}/"),
        "invalid": client.get("/en/alerts/unsubscribe/junk/"),
    }
    files = []
    for name, response in pages.items():
        assert response.status_code in (200, 404), name
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    errors = validate(files)
    readable = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in errors
    ]
    assert errors == [], "\n".join(readable)
