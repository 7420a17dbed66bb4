"""A French candidate on the production stack: a real ``manage.py db_worker``
process (in the site's default language, English) delivers their sign-up code and
writes and sends their job alert, in French, through a real SMTP server."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from alerts.factories import JobAlertFactory
from alerts.tasks import send_new_offer_alerts
from candidates.models import User
from core.tasks import deliver_email
from home.factories import DataProtectionPageFactory
from tests.alerts.world import build_world

from .conftest import start_worker, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "Plum-Harbour-42"


def finished(task) -> bool:
    results = DBTaskResult.objects.filter(task_path=task.module_path)
    return results.exists() and not results.filter(finished_at__isnull=True).exists()


def test_a_french_candidate_gets_french_emails_from_a_worker(
    client, settings, smtp_server, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = build_world()
    DataProtectionPageFactory(parent=world.index.get_parent(), slug="data-protection")
    log = tmp_path / "worker.log"
    worker = start_worker(
        "worker-fr",
        log,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_server.port),
        BASE_URL="https://careers.example.com",
    )
    try:
        wait_for(
            lambda: "Starting worker" in log.read_text(),
            timeout=60,
            what="the worker to start",
        )
        # Signing up on a French page: the account speaks French.
        with translation.override("fr"):
            signup = reverse("account_signup")
        response = client.post(
            signup,
            {
                "first_name": "Anne",
                "last_name": "Leroy",
                "username": "anne.leroy",
                "email": "anne@example.org",
                "password1": PASSWORD,
                "accept_data_protection": "on",
            },
        )
        assert response.status_code == 302
        anne = User.objects.get(username="anne.leroy")
        assert anne.language == "fr"
        wait_for(
            lambda: finished(deliver_email) or worker.poll() is not None,
            timeout=120,
            what="the sign-up code to be sent",
        )
        # Her alert, and an offer published in French: the worker writes it.
        JobAlertFactory(candidate=anne, languages=["fr"], keywords="")
        french = Locale.objects.get_or_create(language_code="fr")[0]
        offer = world.publish(
            world.draft("Développeur Python", locale=french, slug="developpeur")
        )
        wait_for(
            lambda: (
                (finished(send_new_offer_alerts) and len(smtp_server.received) >= 2)
                or worker.poll() is not None
            ),
            timeout=180,
            what="the alert to be written and sent",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    output = log.read_text()[-3000:]
    code_mail, alert_mail = smtp_server.received[:2]
    assert code_mail.envelope_to == ["anne@example.org"], output
    assert "Votre code pour le site carrières" in code_mail.subject
    assert re.search(r"^\s*\d{6}\s*$", code_mail.text(), re.MULTILINE)
    assert '<html lang="fr">' in code_mail.html()
    assert alert_mail.envelope_to == ["anne@example.org"], output
    assert " ".join(alert_mail.subject.split()) == f"Nouvelle offre : {offer.title}"
    assert '<html lang="fr">' in alert_mail.html()
