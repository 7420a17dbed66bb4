"""Forgotten username and forgotten password: one answer for every address."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail

from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import User

from .conftest import PASSWORD, links_in, only_mail

pytestmark = pytest.mark.django_db

FORGOT_USERNAME = "/en/account/forgot-username/"
RESET = "/en/account/password/reset/"


def page_text(response) -> str:
    """The visible answer, without the per-request CSRF token."""
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )


# Forgotten username


def test_the_username_is_sent_to_the_address_in_any_case(client, candidate):
    response = client.post(FORGOT_USERNAME, {"email": "JANE@Example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/forgot-username/sent/"
    message = only_mail()
    assert message.to == ["jane@example.org"]
    assert "Jane.Doe" in message.body
    assert "Jane.Doe" in message.alternatives[0][0]
    assert "http://testserver/en/account/login/" in links_in(message)
    assert PASSWORD not in message.body


def test_known_and_unknown_addresses_get_the_same_answer(client, candidate):
    known = client.post(FORGOT_USERNAME, {"email": "jane@example.org"})
    unknown = client.post(FORGOT_USERNAME, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    done_known = client.get(known["Location"])
    done_unknown = client.get(unknown["Location"])
    assert page_text(done_known) == page_text(done_unknown)
    assert "If an account uses this address" in page_text(done_known)
    # The unknown address learns, in its own mailbox only, that no account uses it.
    assert [m.to for m in mail.outbox] == [["jane@example.org"], ["nobody@example.org"]]
    assert "no account uses this address" in mail.outbox[1].body
    assert "Jane.Doe" not in mail.outbox[1].body


def test_an_inactive_account_is_not_revealed(client, candidate):
    User.objects.filter(pk=candidate.pk).update(is_active=False)
    client.post(FORGOT_USERNAME, {"email": "jane@example.org"})
    assert "Jane.Doe" not in only_mail().body


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "jane\x00@example.org", "x" * 4096 + "@example.org"]
)
def test_bad_addresses_get_an_error(client, candidate, email):
    response = client.post(FORGOT_USERNAME, {"email": email})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html
    assert mail.outbox == []


def test_forgotten_username_is_throttled_per_address(client, candidate):
    for _attempt in range(5):
        assert (
            client.post(FORGOT_USERNAME, {"email": "jane@example.org"}).status_code
            == 302
        )
    response = client.post(FORGOT_USERNAME, {"email": "JANE@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_the_links_use_the_site_address_whatever_the_host(client, candidate, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    client.post(
        FORGOT_USERNAME, {"email": "jane@example.org"}, HTTP_HOST="evil.example"
    )
    message = only_mail()
    assert "evil.example" not in message.body + message.alternatives[0][0]
    assert links_in(message)
    assert all(link.startswith("http://testserver/") for link in links_in(message))


# Forgotten password


def reset_link(message) -> str:
    (link,) = [link for link in links_in(message) if "/password/reset/key/" in link]
    return link.removeprefix("http://testserver")


def request_reset(client, email="jane@example.org"):
    mail.outbox.clear()
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    return reset_link(only_mail())


NEW_PASSWORD = "New-Harbour-77"


def choose_password(client, link, password=NEW_PASSWORD):
    page = client.get(link)
    if page.status_code == 302:  # the key moves to the session, off the address bar
        link = page["Location"]
    return client.post(link, {"password1": password, "password2": password})


def log_in(client, login, password):
    client.logout()
    response = client.post("/en/account/login/", {"login": login, "password": password})
    return response.status_code == 302


def test_reset_mail_has_a_link_on_the_site_and_no_password(client, candidate):
    client.post(RESET, {"email": "Jane@EXAMPLE.org"})
    message = only_mail()
    assert message.to == ["jane@example.org"]
    assert reset_link(message).startswith("/en/account/password/reset/key/")
    assert PASSWORD not in message.body
    assert "Jane.Doe" in message.body  # the username comes as a reminder


def test_reset_known_and_unknown_addresses_get_the_same_answer(client, candidate):
    known = client.post(RESET, {"email": "jane@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert page_text(client.get(known["Location"])) == page_text(
        client.get(unknown["Location"])
    )
    assert "/password/reset/key/" not in mail.outbox[1].body
    assert "no account uses this address" in mail.outbox[1].body


def test_reset_then_log_in_with_the_new_password(client, candidate):
    link = request_reset(client)
    response = choose_password(client, link)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/password/reset/key/done/"
    assert log_in(client, "jane.doe", "New-Harbour-77")
    assert not log_in(client, "jane.doe", PASSWORD)
    # The change is announced to the account's address.
    assert any("was changed" in m.subject for m in mail.outbox)


def test_a_reset_link_works_once(client, candidate):
    link = request_reset(client)
    assert choose_password(client, link).status_code == 302
    client.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "Link expired or already used" in page.content.decode()
    response = client.post(
        link, {"password1": "Other-Pass-99", "password2": "Other-Pass-99"}
    )
    assert response.status_code == 200
    assert not log_in(client, "jane.doe", "Other-Pass-99")


def test_a_reset_link_expires(client, candidate):
    # Both ends under the travelling clock: it keeps naive and aware times in step.
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        link = request_reset(client)
        clock.shift(datetime.timedelta(seconds=django_settings.PASSWORD_RESET_TIMEOUT))
        clock.shift(datetime.timedelta(minutes=1))
        page = client.get(link, follow=True)
        assert "Link expired or already used" in page.content.decode()
        choose_password(client, link)
        assert not log_in(client, "jane.doe", NEW_PASSWORD)


def test_a_reset_link_works_within_the_hour(client, candidate):
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        link = request_reset(client)
        clock.shift(datetime.timedelta(minutes=55))
        assert choose_password(client, link).status_code == 302
        assert log_in(client, "jane.doe", NEW_PASSWORD)


def test_a_token_of_one_account_does_not_work_with_the_id_of_another(
    client, candidate, other_candidate
):
    link = request_reset(client)  # Jane's token
    bob_link = request_reset(client, "bob@example.org")
    jane_uid, jane_token = link.split("/key/")[1].rstrip("/").split("-", 1)
    bob_uid = bob_link.split("/key/")[1].split("-", 1)[0]
    assert jane_uid != bob_uid
    forged = f"/en/account/password/reset/key/{bob_uid}-{jane_token}/"
    page = client.get(forged, follow=True)
    assert "Link expired or already used" in page.content.decode()
    choose_password(client, forged, "Forged-Pass-11")
    assert not log_in(client, "bob", "Forged-Pass-11")
    assert log_in(client, "bob", PASSWORD)


@pytest.mark.parametrize(
    "key", ["zz-garbage", "1-" + "a" * 4096, "1-abc%00def", "-", "0-0"]
)
def test_broken_links_give_a_page_not_a_crash(client, candidate, key):
    response = client.get(f"/en/account/password/reset/key/{key}/")
    assert response.status_code in (200, 404)


def test_reset_links_use_the_site_address_whatever_the_host(
    client, candidate, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    client.post(RESET, {"email": "jane@example.org"}, HTTP_HOST="evil.example")
    message = only_mail()
    assert "evil.example" not in message.body + message.alternatives[0][0]
    assert all(link.startswith("http://testserver/") for link in links_in(message))


def test_an_unlisted_host_is_refused(client, candidate):
    response = client.post(
        RESET, {"email": "jane@example.org"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mail.outbox == []


def test_a_4096_character_new_password_works(client, candidate):
    password = "Zy9-" * 1024
    link = request_reset(client)
    assert choose_password(client, link, password).status_code == 302
    assert log_in(client, "jane.doe", password)


def test_bad_new_passwords_are_refused(client, candidate):
    link = request_reset(client)
    page = client.get(link)
    response = client.post(
        page["Location"], {"password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200
    assert 'href="#id_password1"' in response.content.decode()
    response = client.post(
        page["Location"], {"password1": "a\x00b", "password2": "a\x00b"}
    )
    assert response.status_code == 200
    assert log_in(client, "jane.doe", PASSWORD)


def test_reset_is_throttled_per_address(client, candidate):
    for _attempt in range(5):
        client.post(RESET, {"email": "jane@example.org"})
    response = client.post(RESET, {"email": "jane@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_a_reset_ends_a_lock_out(client, candidate):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        client.post("/en/account/login/", {"login": "jane.doe", "password": "wrong"})
    assert not log_in(client, "jane.doe", PASSWORD)
    choose_password(client, request_reset(client))
    assert log_in(client, "jane.doe", "New-Harbour-77")


def test_the_reset_finds_an_address_stored_with_capitals(client, db):
    user = UserFactory(username="max", email="Max.Power@Example.org")
    EmailAddressFactory(user=user)
    assert User.objects.get(pk=user.pk).email == "max.power@example.org"
    client.post(RESET, {"email": "max.power@example.org"})
    assert "/password/reset/key/" in only_mail().body
