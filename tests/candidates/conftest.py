"""Fixtures of the account and candidate-space tests."""

import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from candidates.factories import (
    CandidateProfileFactory,
    EmailAddressFactory,
    UserFactory,
)
from home.factories import DataProtectionPageFactory

PASSWORD = "Plum-Harbour-42"


class CommittingClient(Client):
    """The test client, running what a request leaves for its commit (the e-mails
    of the outbox) when the request ends, as a request does in production; each test
    runs inside one transaction that never commits. Do not wrap its requests in
    ``django_capture_on_commit_callbacks(execute=True)``: they would run twice."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client() -> Client:
    return CommittingClient()


@pytest.fixture
def agreement(home_page):
    """The published Data Protection Agreement."""
    return DataProtectionPageFactory(parent=home_page, slug="data-protection")


@pytest.fixture
def candidate(db):
    """Jane, with a verified address and an (empty) profile; password ``PASSWORD``."""
    user = UserFactory(
        username="Jane.Doe",
        email="jane@example.org",
        first_name="Jane",
        last_name="Doe",
        password=PASSWORD,
    )
    EmailAddressFactory(user=user)
    CandidateProfileFactory(user=user, headline="", phone="", city="", country="")
    return user


@pytest.fixture
def other_candidate(db):
    user = UserFactory(username="bob", email="bob@example.org", password=PASSWORD)
    EmailAddressFactory(user=user)
    return user


def links_in(message) -> list[str]:
    """The links of an e-mail's text body."""
    return re.findall(r"https?://\S+", message.body)


def only_mail():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


def code_in(message) -> str:
    """The verification code of an e-mail (six digits on a line of their own)."""
    (code,) = re.findall(r"^\s*(\d{6})\s*$", message.body, re.MULTILINE)
    return code
