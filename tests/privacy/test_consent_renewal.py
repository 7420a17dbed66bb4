"""A new version of the Data Protection Agreement blocks a candidate who accepted
an earlier one until they accept it; staff and anonymous visitors pass."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.consent import (
    consent_history,
    current_agreement,
    has_accepted_current_agreement,
    record_consent,
    renewal_state,
)
from candidates.factories import UserFactory
from candidates.models import Consent, OptionalConsent
from home.groups import CONTENT_EDITORS, HR_RECRUITERS, ensure_staff_groups

pytestmark = pytest.mark.django_db

RENEW = "/en/me/parameters/agreement/"


def publish_new_version(text: str = "A new version.") -> None:
    page = current_agreement()
    page.introduction = text
    page.save_revision().publish()


@pytest.fixture
def accepted(candidate, agreement):
    """Jane accepted the agreement as first published."""
    return record_consent(candidate, agreement)


@pytest.fixture
def blocked(client, candidate, accepted):
    """Jane, logged in, after a new version is published."""
    client.force_login(candidate)
    publish_new_version()
    return candidate


def renewal_next(response) -> str:
    """The ``next`` of a redirection to the renewal page."""
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == RENEW
    return parse_qs(location.query)["next"][0]


def test_a_candidate_who_accepted_the_published_version_goes_on(
    client, candidate, accepted
):
    client.force_login(candidate)
    assert client.get("/en/me/").status_code == 200
    # The renewal page has nothing to ask: back to where they were going.
    response = client.get(RENEW, {"next": "/en/me/profile/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/me/profile/"


@pytest.mark.parametrize(
    "path",
    ["/en/me/", "/en/me/profile/?tab=1", "/en/me/parameters/", "/en/", "/en/offers/"],
)
def test_a_new_version_sends_every_page_to_the_renewal_page(client, blocked, path):
    assert renewal_next(client.get(path)) == path


def test_a_post_while_blocked_does_nothing(client, blocked):
    response = client.post(
        "/en/me/profile/", {"first_name": "Mallory", "last_name": "X"}
    )
    assert renewal_next(response) == "/en/me/profile/"
    blocked.refresh_from_db()
    assert blocked.first_name == "Jane"
    response = client.post(
        "/en/me/parameters/consents/", {"optional_talent_pool": "on"}
    )
    assert renewal_next(response) == "/en/me/parameters/consents/"
    assert not OptionalConsent.objects.exists()


def test_the_renewal_page_shows_the_new_version_and_unticked_boxes(client, blocked):
    response = client.get(RENEW, {"next": "/en/me/documents/"})
    html = response.content.decode()
    assert response.status_code == 200
    agreement = current_agreement()
    assert f'href="{agreement.url}"' in html
    assert 'name="next" value="/en/me/documents/"' in html
    for name in ("accept_data_protection", "optional_talent_pool"):
        box = html[html.index(f'name="{name}"') - 200 :][:400]
        assert "checked" not in box, name
    assert "I accept the Data Protection Agreement" in html
    # Refusing: log out, or take one's data and delete the account.
    assert 'action="/en/account/logout/"' in html
    assert f'href="{reverse("privacy:delete_account")}"' in html
    assert f'href="{reverse("privacy:export_data")}"' in html


def test_refusing_keeps_the_candidate_blocked_and_records_nothing(client, blocked):
    response = client.post(
        RENEW, {"next": "/en/me/documents/", "optional_talent_pool": "on"}
    )
    assert response.status_code == 200
    assert "tick the box to accept" in response.content.decode()
    assert Consent.objects.filter(user=blocked).count() == 1
    assert not OptionalConsent.objects.exists()
    assert renewal_next(client.get("/en/me/documents/")) == "/en/me/documents/"


def test_accepting_records_the_new_version_and_returns_to_next(client, blocked):
    response = client.post(
        RENEW, {"accept_data_protection": "on", "next": "/en/me/documents/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/documents/"
    assert has_accepted_current_agreement(blocked)
    latest = Consent.objects.filter(user=blocked).first()
    assert latest.revision == current_agreement().live_revision
    assert client.get("/en/me/documents/").status_code == 200
    # The optional consent was left unticked: nothing recorded.
    assert not OptionalConsent.objects.exists()


def test_accepting_with_an_optional_consent_records_it(client, blocked):
    client.post(RENEW, {"accept_data_protection": "on", "optional_talent_pool": "on"})
    (answer,) = OptionalConsent.objects.filter(user=blocked)
    assert answer.purpose == OptionalConsent.Purpose.TALENT_POOL and answer.granted


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/me/", "javascript:alert(1)"]
)
def test_next_must_stay_on_the_site(client, blocked, next_url):
    page = client.get(RENEW, {"next": next_url}).content.decode()
    assert "evil.example" not in page and "javascript:" not in page
    response = client.post(RENEW, {"accept_data_protection": "on", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/me/"


def test_the_history_shows_both_versions(client, blocked):
    client.post(RENEW, {"accept_data_protection": "on"})
    first, second = reversed(consent_history(blocked))
    html = client.get("/en/me/parameters/").content.decode()
    assert html.count("Accepted on") == 2
    assert "current version" in html
    # The current version links to the agreement, the earlier one to its text.
    assert f'href="{current_agreement().url}"' in html
    assert f'href="/en/me/parameters/agreement/versions/{first.pk}/"' in html
    old = client.get(f"/en/me/parameters/agreement/versions/{first.pk}/")
    assert old.status_code == 200
    assert "A new version." not in old.content.decode()
    assert second.revision.as_object().introduction == "A new version."


def test_another_candidates_version_page_is_not_found(client, blocked, other_candidate):
    consent = record_consent(other_candidate, current_agreement())
    client.post(RENEW, {"accept_data_protection": "on"})
    response = client.get(f"/en/me/parameters/agreement/versions/{consent.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/en/account/logout/", 200),
        ("post", "/en/account/logout/", 302),
        ("get", "/en/data-protection/", 200),
        ("get", "/robots.txt", 200),
        ("get", "/healthz", None),
    ],
)
def test_leaving_and_reading_the_agreement_stay_open(
    client, blocked, method, path, status
):
    response = getattr(client, method)(path)
    assert not response.get("Location", "").startswith(RENEW), path
    if status:
        assert response.status_code == status, path


@pytest.mark.parametrize("name", ["privacy:export_data", "privacy:delete_account"])
def test_the_data_rights_stay_open(client, blocked, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_one_click_unsubscribe_stays_open(client, blocked):
    response = client.post("/en/alerts/unsubscribe/not-a-token/")
    assert response.status_code == 404  # reached the view: a bad token
    assert renewal_next(client.get("/en/alerts/unsubscribe/not-a-token/"))


@pytest.mark.parametrize("role", ["is_staff", HR_RECRUITERS, CONTENT_EDITORS])
def test_staff_are_never_blocked(client, agreement, role):
    ensure_staff_groups()
    if role == "is_staff":
        user = UserFactory(username="staff", is_staff=True)
    else:
        user = UserFactory(username="staff", groups=[role])
    record_consent(user, agreement)
    publish_new_version()
    client.force_login(user)
    assert client.get("/en/").status_code == 200
    assert client.get(RENEW).status_code == 302


def test_anonymous_visitors_are_never_touched(client, agreement):
    publish_new_version()
    assert client.get("/en/").status_code == 200
    assert client.get("/en/account/login/").status_code == 200
    assert client.get(RENEW)["Location"].startswith("/en/account/login/")


def test_a_candidate_without_any_consent_is_not_blocked_but_may_accept(
    client, candidate, agreement
):
    client.force_login(candidate)
    assert client.get("/en/me/").status_code == 200
    assert client.get(RENEW).status_code == 200
    client.post(RENEW, {"accept_data_protection": "on"})
    assert has_accepted_current_agreement(candidate)


def test_the_check_costs_two_queries_and_one_more_to_ask(
    candidate, accepted, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the published versions, the consents
        assert not renewal_state(candidate).must_renew
    publish_new_version()
    with django_assert_num_queries(3):  # and whether the candidate is staff
        state = renewal_state(candidate)
    assert state.must_renew
    assert state.revision_id == current_agreement().live_revision_id
    record_consent(candidate, current_agreement())
    assert not renewal_state(candidate).must_renew


def test_a_logged_in_page_makes_two_queries_more(client, candidate, accepted, settings):
    client.force_login(candidate)
    client.get("/en/me/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/me/")
    with_check = len(queries)  # now: the next request clears the log
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "privacy.middleware.ConsentRenewalMiddleware"
    ]
    client = Client()  # its handler reads the middleware anew
    client.force_login(candidate)
    client.get("/en/me/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/me/")
    assert with_check == len(queries) + 2


def test_an_empty_post_says_what_is_missing(client, blocked):
    response = client.post(RENEW, {})
    assert response.status_code == 200
    assert "tick the box to accept" in response.content.decode()


def test_the_admin_is_left_alone(client, agreement):
    ensure_staff_groups()
    hr = UserFactory(username="hr", groups=[HR_RECRUITERS])
    client.force_login(hr)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert not any("home_dataprotectionpage" in statement for statement in sql)
