"""Optional consents: unticked boxes at sign-up and in "My parameters", each
change kept as a history row."""

import pytest

from candidates.consent import (
    optional_consent_granted,
    optional_consent_states,
    record_optional_consents,
)
from candidates.models import OptionalConsent, User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TALENT_POOL = OptionalConsent.Purpose.TALENT_POOL
FORM = "/en/me/parameters/consents/"


def history(user) -> list[bool]:
    """The answers of ``user`` for the talent pool, oldest first."""
    return list(
        OptionalConsent.objects.filter(user=user, purpose=TALENT_POOL)
        .order_by("answered_at", "pk")
        .values_list("granted", flat=True)
    )


@pytest.fixture
def jane(client, candidate):
    client.force_login(candidate)
    return candidate


def test_never_answered_means_not_granted(candidate):
    assert not optional_consent_granted(candidate, TALENT_POOL)
    assert optional_consent_states(candidate) == {TALENT_POOL: None}


def test_only_changed_answers_are_recorded(candidate, other_candidate):
    assert record_optional_consents(candidate, {TALENT_POOL: False}) == []
    (row,) = record_optional_consents(candidate, {TALENT_POOL: True})
    assert row.granted and optional_consent_granted(candidate, TALENT_POOL)
    assert record_optional_consents(candidate, {TALENT_POOL: True}) == []
    record_optional_consents(candidate, {TALENT_POOL: False})
    assert not optional_consent_granted(candidate, TALENT_POOL)
    assert history(candidate) == [True, False]
    assert not optional_consent_granted(other_candidate, TALENT_POOL)
    # An unknown purpose is ignored.
    assert record_optional_consents(candidate, {"marketing": True}) == []


def test_the_parameters_page_shows_the_current_answer(client, jane):
    html = client.get("/en/me/parameters/").content.decode()
    assert "My consents" in html and "Never given" in html
    assert f'href="{FORM}"' in html
    record_optional_consents(jane, {TALENT_POOL: True})
    html = client.get("/en/me/parameters/").content.decode()
    assert "Given on" in html and "Never given" not in html
    record_optional_consents(jane, {TALENT_POOL: False})
    assert "Withdrawn on" in client.get("/en/me/parameters/").content.decode()


def test_giving_then_withdrawing_writes_history_rows(client, jane):
    page = client.get(FORM).content.decode()
    box = page[page.index('name="optional_talent_pool"') - 200 :][:400]
    assert "checked" not in box
    response = client.post(FORM, {"optional_talent_pool": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/en/me/parameters/#consents"
    assert history(jane) == [True]
    page = client.get(FORM).content.decode()
    box = page[page.index('name="optional_talent_pool"') - 200 :][:400]
    assert "checked" in box
    client.post(FORM, {})  # unticked: withdrawn
    assert history(jane) == [True, False]
    client.post(FORM, {})  # the same again: nothing new
    assert history(jane) == [True, False]
    assert not optional_consent_granted(jane, TALENT_POOL)


@pytest.mark.parametrize("value", ["", "no", "false", "0", "x" * 5000])
def test_any_input_gives_an_answer_and_no_error(client, jane, value):
    response = client.post(FORM, {"optional_talent_pool": value})
    assert response.status_code == 302
    assert history(jane) in ([], [True])


def test_the_form_needs_a_log_in(client):
    response = client.get(FORM)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def signup_data(**extra):
    return {
        "first_name": "Ann",
        "last_name": "Lee",
        "username": "ann.lee",
        "email": "ann@example.org",
        "password1": PASSWORD,
        "accept_data_protection": "on",
        **extra,
    }


def test_sign_up_shows_the_optional_box_unticked(client, agreement):
    html = client.get("/en/account/signup/").content.decode()
    box = html[html.index('name="optional_talent_pool"') - 200 :][:400]
    assert "checked" not in box and "required" not in box
    assert str(TALENT_POOL.label) in html


def test_sign_up_without_the_optional_box_records_nothing(client, agreement):
    response = client.post("/en/account/signup/", signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="ann.lee")
    assert history(user) == []
    assert user.consents.count() == 1


def test_sign_up_with_the_optional_box_records_it(client, agreement):
    response = client.post(
        "/en/account/signup/", signup_data(optional_talent_pool="on")
    )
    assert response.status_code == 302
    user = User.objects.get(username="ann.lee")
    assert history(user) == [True]
    assert optional_consent_granted(user, TALENT_POOL)


def test_a_refused_sign_up_records_no_optional_consent(client, agreement):
    data = signup_data(optional_talent_pool="on")
    del data["accept_data_protection"]
    response = client.post("/en/account/signup/", data)
    assert response.status_code == 200
    assert not User.objects.filter(username="ann.lee").exists()
    assert not OptionalConsent.objects.exists()
