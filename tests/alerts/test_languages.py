"""Alerts and languages: an alert sends offers in the languages it accepts (the
candidate's by default), and its e-mail is written in the candidate's language
whatever the language of the worker that sends it."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from alerts.choices import Frequency
from alerts.factories import JobAlertFactory
from alerts.matching import matching_alerts
from alerts.models import JobAlert
from candidates.factories import UserFactory

from .conftest import run_alert_task

pytestmark = pytest.mark.django_db

BILINGUAL = [("en", "English"), ("fr", "Français")]


@pytest.fixture(autouse=True)
def bilingual(settings):
    settings.LANGUAGES = BILINGUAL
    settings.WAGTAIL_CONTENT_LANGUAGES = BILINGUAL
    yield
    translation.activate("en")


@pytest.fixture
def french(db):
    return Locale.objects.get_or_create(language_code="fr")[0]


def html_of(message) -> str:
    ((html, _mimetype),) = message.alternatives
    return html


def test_an_alert_matches_offers_in_the_languages_it_accepts(world, french):
    english = world.publish(world.draft("Python developer"))
    french_offer = world.publish(world.draft("Développeur Python", locale=french))
    only_french = JobAlertFactory(languages=["fr"])
    only_english = JobAlertFactory(languages=["en"])
    both = JobAlertFactory(languages=["en", "fr"])
    any_language = JobAlertFactory(languages=[])
    alerts = JobAlert.objects.filter(
        pk__in=[only_french.pk, only_english.pk, both.pk, any_language.pk]
    )
    assert set(matching_alerts(french_offer, alerts)) == {
        only_french,
        both,
        any_language,
    }
    assert set(matching_alerts(english, alerts)) == {only_english, both, any_language}


@pytest.mark.parametrize(("theirs", "worker"), [("fr", "en"), ("en", "fr")])
def test_the_alert_email_is_written_in_the_candidates_language(
    world, french, theirs, worker
):
    jane = UserFactory(email="jane@example.org", language=theirs)
    JobAlertFactory(candidate=jane, languages=["en", "fr"])
    offer = world.draft("Python developer", locale=french, remote_policy="hybrid")
    world.publish(offer)
    with translation.override(worker):
        assert run_alert_task(offer.pk) == 1
    (message,) = mail.outbox
    assert f'<html lang="{theirs}">' in html_of(message)
    # Labels are written in it too (Django's own catalogue has no "Hybrid": the
    # choice's label is read at the time the e-mail is written, so it follows).
    assert "Python developer" in message.body


@pytest.mark.parametrize(("theirs", "worker"), [("fr", "en"), ("en", "fr")])
def test_each_digest_is_written_in_its_candidates_language(
    world, french, theirs, worker
):
    paris = ZoneInfo("Europe/Paris")
    monday = datetime(2026, 3, 2, 8, 0, tzinfo=paris)
    with time_machine.travel(monday, tick=False):
        jane = UserFactory(email="jane@example.org", language=theirs)
        JobAlertFactory(candidate=jane, frequency=Frequency.DAILY, languages=[])
        other = "en" if theirs == "fr" else "fr"
        bob = UserFactory(email="bob@example.org", language=other)
        JobAlertFactory(candidate=bob, frequency=Frequency.DAILY, languages=[])
    with time_machine.travel(monday + timedelta(hours=2), tick=False):
        world.publish(world.draft("Offer A"))
        world.publish(world.draft("Offer B", locale=french))
    with (
        time_machine.travel(monday + timedelta(days=1), tick=False),
        translation.override(worker),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command("send_job_alerts", "--frequency", "daily", stdout=io.StringIO())
    written = {message.to[0]: html_of(message) for message in mail.outbox}
    assert f'<html lang="{theirs}">' in written["jane@example.org"]
    assert f'<html lang="{other}">' in written["bob@example.org"]


# The alert form


def test_a_new_alert_accepts_the_candidates_language(client, world):
    jane = UserFactory(language="fr")
    client.force_login(jane)
    form = client.get(reverse("alerts:create")).context["form"]
    assert form["languages"].value() == ["fr"]


def test_the_candidate_chooses_the_languages_of_the_offers(client, world):
    jane = UserFactory(language="fr")
    client.force_login(jane)
    data = {"active": "on", "frequency": "immediate", "languages": ["en", "fr"]}
    response = client.post(reverse("alerts:create"), data)
    assert response.status_code == 302
    alert = JobAlert.objects.get(candidate=jane)
    assert alert.languages == ["en", "fr"]
    page = client.get(reverse("alerts:edit", kwargs={"pk": alert.pk}))
    assert page.context["form"]["languages"].value() == ["en", "fr"]


def test_a_language_the_site_does_not_speak_is_refused(client, world):
    jane = UserFactory()
    client.force_login(jane)
    data = {"active": "on", "frequency": "immediate", "languages": ["de"]}
    response = client.post(reverse("alerts:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'id="id_languages_error"' in html
    assert not JobAlert.objects.filter(candidate=jane).exists()
