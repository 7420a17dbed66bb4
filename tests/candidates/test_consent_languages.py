"""The Data Protection Agreement in the page's language: sign-up and renewal show
the translation, the consent records the text and the language accepted, and a
version accepted in one language counts in the other."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from candidates.consent import (
    current_agreement,
    has_accepted_current_agreement,
    record_consent,
)
from candidates.models import Consent, User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_agreement(agreement):
    """The agreement's French translation, published."""
    locale, _created = Locale.objects.get_or_create(language_code="fr")
    page = agreement.copy_for_translation(locale, copy_parents=True).specific
    page.title = "Charte de protection des données"
    page.slug = "protection-des-donnees"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def test_each_language_reads_its_own_agreement(agreement, french_agreement):
    assert current_agreement("fr") == french_agreement
    assert current_agreement("en") == agreement
    assert french_agreement.translation_key == agreement.translation_key
    with translation.override("fr"):
        assert current_agreement() == french_agreement


def test_a_language_without_translation_reads_the_default_agreement(agreement):
    Locale.objects.get_or_create(language_code="fr")
    assert current_agreement("fr") == agreement


def test_a_french_sign_up_links_and_records_the_french_agreement(
    client, agreement, french_agreement
):
    signup = url("account_signup", "fr")
    html = client.get(signup).content.decode()
    assert f'href="{french_agreement.url}"' in html
    assert f'href="{agreement.url}"' not in html
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
    consent = Consent.objects.get(user__username="anne.leroy")
    assert consent.revision_id == french_agreement.live_revision_id
    assert consent.revision.object_id == str(french_agreement.pk)
    assert consent.language == "fr"


def test_a_version_accepted_in_english_is_current_in_french(
    client, candidate, agreement, french_agreement
):
    consent = record_consent(candidate, agreement)
    assert consent.language == "en"
    client.force_login(candidate)
    assert client.get(url("candidates:space", "fr")).status_code == 200
    with translation.override("fr"):
        assert has_accepted_current_agreement(candidate)
    html = client.get(url("candidates:parameters", "fr")).content.decode()
    assert "version en vigueur" in html


def test_renewal_in_french_shows_the_french_agreement_and_records_it(
    client, candidate, agreement, french_agreement
):
    record_consent(candidate, current_agreement("fr"))
    french_agreement.introduction = "Une nouvelle version."
    french_agreement.save_revision().publish()
    french_agreement.refresh_from_db()
    with translation.override("fr"):
        assert not has_accepted_current_agreement(candidate)
    client.force_login(candidate)
    assert client.get(url("candidates:space", "fr")).status_code == 302
    renew = url("privacy:renew_consent", "fr")
    html = client.get(renew).content.decode()
    assert f'href="{french_agreement.url}"' in html
    response = client.post(renew, {"accept_data_protection": "on"})
    assert response.status_code == 302
    latest = Consent.objects.filter(user=candidate).first()
    assert latest.revision_id == french_agreement.live_revision_id
    assert latest.language == "fr"
    assert User.objects.get(pk=candidate.pk).consents.count() == 2
