"""Applications and languages: the language an application is sent in is kept
for HR, and the candidate's e-mails are written in the candidate's language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import translation

from applications.choices import Status
from applications.factories import ApplicationFactory, StageFactory
from applications.services import move_to_stage, submit_application
from candidates.factories import UserFactory
from home.factories import make_site_root
from home.groups import HR_RECRUITERS
from home.models import PortalSettings

pytestmark = pytest.mark.django_db

BILINGUAL = [("en", "English"), ("fr", "Français")]


@pytest.fixture(autouse=True)
def bilingual(settings):
    settings.LANGUAGES = BILINGUAL
    home = make_site_root()
    portal = PortalSettings.for_site(home.get_site())
    portal.hr_email = "hr@example.com"
    portal.save()
    yield
    translation.activate("en")


def html_of(message) -> str:
    ((html, _mimetype),) = message.alternatives
    return html


def to(address: str):
    (message,) = [message for message in mail.outbox if message.to == [address]]
    return message


@pytest.mark.parametrize(("theirs", "page"), [("fr", "en"), ("en", "fr")])
def test_the_acknowledgment_is_in_the_candidates_language(theirs, page):
    candidate = UserFactory(email="jane@example.org", language=theirs)
    application = ApplicationFactory(candidate=candidate)
    with translation.override(page), TestCase.captureOnCommitCallbacks(execute=True):
        submit_application(application, candidate)
    application.refresh_from_db()
    # HR sees the language of the page the application was sent from.
    assert application.language == page
    assert f'<html lang="{theirs}">' in html_of(to("jane@example.org"))
    # HR's notification is in the language of the site (the page's).
    assert f'<html lang="{page}">' in html_of(to("hr@example.com"))


@pytest.mark.parametrize(("theirs", "page"), [("fr", "en"), ("en", "fr")])
def test_status_news_are_in_the_candidates_language(theirs, page):
    candidate = UserFactory(email="jane@example.org", language=theirs)
    hr = UserFactory(groups=[HR_RECRUITERS])
    application = ApplicationFactory(candidate=candidate, status=Status.SUBMITTED)
    stage = StageFactory(email_subject="", email_body="")
    with translation.override(page), TestCase.captureOnCommitCallbacks(execute=True):
        move_to_stage(application, stage, hr, notify=True, message="Bonjour")
    message = to("jane@example.org")
    assert f'<html lang="{theirs}">' in html_of(message)
