"""Consent to the Data Protection Agreement: the published version and the time."""

import pytest
from django.db.models import ProtectedError
from wagtail.models import Revision

from candidates.consent import (
    current_agreement,
    has_accepted_current_agreement,
    published_revision,
    record_consent,
)
from candidates.factories import ConsentFactory
from candidates.models import Consent

pytestmark = pytest.mark.django_db


def test_a_page_made_without_the_editor_gets_its_published_revision_once(agreement):
    assert agreement.live_revision is None
    revision = published_revision(agreement)
    assert str(revision.object_id) == str(agreement.pk)
    assert published_revision(current_agreement()) == revision
    assert Revision.objects.filter(object_id=str(agreement.pk)).count() == 1
    agreement.refresh_from_db()
    assert agreement.live_revision == revision
    assert not agreement.has_unpublished_changes


def test_a_consent_records_the_version_published_now(candidate, agreement):
    first = record_consent(candidate, agreement)
    assert record_consent(candidate, agreement) == first  # once per version
    page = current_agreement()
    page.introduction = "A new version."
    page.save_revision().publish()
    assert not has_accepted_current_agreement(candidate)
    second = record_consent(candidate, current_agreement())
    assert second.revision != first.revision
    assert second.revision.as_object().introduction == "A new version."
    assert has_accepted_current_agreement(candidate)
    assert list(Consent.objects.filter(user=candidate)) == [second, first]


def test_an_accepted_version_is_kept(candidate, agreement):
    consent = ConsentFactory(user=candidate)
    with pytest.raises(ProtectedError):
        consent.revision.delete()


def test_no_agreement_means_nothing_to_accept(candidate, home_page):
    assert current_agreement() is None
    assert has_accepted_current_agreement(candidate)


def test_a_draft_agreement_is_not_the_published_one(home_page):
    from home.factories import DataProtectionPageFactory

    DataProtectionPageFactory(parent=home_page, live=False)
    assert current_agreement() is None
