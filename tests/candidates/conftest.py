"""Fixtures of the account and candidate-space tests."""

import re

import pytest
from django.core import mail

from candidates.factories import (
    CandidateProfileFactory,
    EmailAddressFactory,
    UserFactory,
)
from home.factories import DataProtectionPageFactory

PASSWORD = "Plum-Harbour-42"


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
