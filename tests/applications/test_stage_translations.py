"""A stage's e-mail in the candidate's language: the stage's translation (same
``translation_key``, another locale) gives the words, the default language's stage
stands in where there is none, and the pipeline lists each stage once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale

from applications.choices import Status
from applications.factories import ApplicationFactory, StageFactory
from applications.models import Stage
from applications.services import move_to_stage, pipeline
from candidates.factories import UserFactory
from home.factories import make_site_root
from home.groups import HR_RECRUITERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bilingual(settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    make_site_root()
    yield
    translation.activate("en")


@pytest.fixture
def stage():
    """A stage with an English e-mail and its French translation."""
    english = StageFactory(
        name="Assessment",
        email_subject="About “{offer_title}”",
        email_body="Hello {first_name},\n\nYour application moves on.",
    )
    french_locale, _created = Locale.objects.get_or_create(language_code="fr")
    french = english.copy_for_translation(french_locale)
    french.email_subject = "À propos de « {offer_title} »"
    french.email_body = "Bonjour {first_name},\n\nVotre candidature avance."
    french.save()
    return english


def moved(stage: Stage, language: str):
    candidate = UserFactory(
        email="jane@example.org", first_name="Jane", language=language
    )
    hr = UserFactory(groups=[HR_RECRUITERS])
    application = ApplicationFactory(candidate=candidate, status=Status.SUBMITTED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        move_to_stage(application, stage, hr, notify=True)
    (message,) = [m for m in mail.outbox if m.to == ["jane@example.org"]]
    return application, message


def test_a_french_candidate_gets_the_stage_translation(stage):
    application, message = moved(stage, "fr")
    assert message.subject.startswith("À propos de « ")
    assert "Bonjour Jane," in message.body
    assert "Hello Jane" not in message.body
    # The application stays on the pipeline's stage, not on its translation.
    application.refresh_from_db()
    assert application.stage == stage


def test_an_english_candidate_gets_the_english_words(stage):
    _application, message = moved(stage, "en")
    assert message.subject.startswith("About “")
    assert "Hello Jane," in message.body


def test_a_stage_without_translation_falls_back_to_the_default_language():
    stage = StageFactory(
        email_subject="Update on “{offer_title}”",
        email_body="Hello {first_name},\n\nNews.",
    )
    Locale.objects.get_or_create(language_code="fr")
    _application, message = moved(stage, "fr")
    assert message.subject.startswith("Update on “")


def test_the_pipeline_lists_each_stage_once(stage):
    stages = pipeline()
    assert stage in stages
    assert [s.translation_key for s in stages].count(stage.translation_key) == 1
    assert all(s.locale.language_code == "en" for s in stages)
    french = stage.get_translation(Locale.objects.get(language_code="fr"))
    # The translation keeps the pipeline's settings.
    assert (french.public_status, french.sort_order) == (
        stage.public_status,
        stage.sort_order,
    )


def test_the_demo_stages_write_to_french_candidates_in_french():
    from applications.demo import load_french_stages
    from applications.stages import ensure_default_stages

    ensure_default_stages()
    load_french_stages()
    load_french_stages()  # loading twice changes nothing
    interview = Stage.objects.pipeline().get(name="Interview")
    assert Stage.objects.filter(translation_key=interview.translation_key).count() == 2
    _application, message = moved(interview, "fr")
    assert message.subject.startswith("Votre candidature « ")
    assert "Nous aimerions vous rencontrer" in message.body
