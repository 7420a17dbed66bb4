"""Sign-up tells no one whether an address has an account; the address is verified
by a code typed in the same tab, and the candidate lands where they were going."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail

from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import Consent, User
from candidates.verification import has_verified_email
from offers.factories import OfferIndexPageFactory, OfferPageFactory

from .conftest import PASSWORD, CommittingClient, code_in, only_mail

pytestmark = pytest.mark.django_db

SIGNUP = "/en/account/signup/"
CODE_PAGE = "/en/account/confirm-email/"


@pytest.fixture
def offer(agreement, home_page):
    index = OfferIndexPageFactory(parent=home_page)
    return OfferPageFactory(parent=index, title="Data analyst", slug="data-analyst")


def data(**overrides):
    values = {
        "first_name": "Ann",
        "last_name": "Lee",
        "username": "ann.lee",
        "email": "ann@example.org",
        "password1": PASSWORD,
        "accept_data_protection": "on",
    }
    values.update(overrides)
    return values


def visible_page(response, email: str) -> str:
    """The page as a visitor sees it, the address typed and the tokens aside."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return html.replace(email, "ADDRESS")


def sign_up(client, next_url: str = "", **overrides):
    url = SIGNUP + (f"?next={next_url}" if next_url else "")
    return client.post(url, data(**overrides))


# One answer, whether the address has an account or not


def test_sign_up_answers_alike_for_a_new_and_a_taken_address(agreement, candidate):
    new, taken = CommittingClient(), CommittingClient()
    answers = [
        sign_up(new, "/en/offers/", username="ann.lee", email="ann@example.org"),
        sign_up(taken, "/en/offers/", username="max.roe", email="jane@example.org"),
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert answers[0]["Location"].startswith(CODE_PAGE)
    pages = [new.get(answers[0]["Location"]), taken.get(answers[1]["Location"])]
    assert [p.status_code for p in pages] == [200, 200]
    assert [t.name for t in pages[0].templates][:1] == [
        "account/confirm_email_verification_code.html"
    ]
    assert [t.name for t in pages[0].templates] == [t.name for t in pages[1].templates]
    assert visible_page(pages[0], "ann@example.org") == visible_page(
        pages[1], "jane@example.org"
    )
    assert "Enter the code we sent you" in pages[0].content.decode()
    # A wrong code is refused in the same words.
    wrong = [
        new.post(answers[0]["Location"], {"action": "verify", "code": "000000"}),
        taken.post(answers[1]["Location"], {"action": "verify", "code": "000000"}),
    ]
    assert visible_page(wrong[0], "ann@example.org") == visible_page(
        wrong[1], "jane@example.org"
    )


def test_the_owner_of_a_taken_address_is_told_and_no_account_is_made(
    client, agreement, candidate
):
    response = sign_up(client, username="max.roe", email="Jane@Example.org")
    assert response.status_code == 302
    message = only_mail()
    assert message.to == ["jane@example.org"]
    assert "You already have an account" in message.subject
    assert "tried to create an account" in message.body
    assert "/en/account/login/" in message.body
    assert "/en/account/password/reset/" in message.body
    assert not re.search(r"^\s*\d{6}\s*$", message.body, re.MULTILINE)
    assert list(User.objects.values_list("username", flat=True)) == ["Jane.Doe"]
    assert EmailAddress.objects.count() == 1
    assert not Consent.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_taken_address_costs_a_password_hash_as_a_new_one_does(
    client, agreement, candidate, monkeypatch
):
    import candidates.forms

    hashed = []
    real = candidates.forms.make_password
    monkeypatch.setattr(
        candidates.forms,
        "make_password",
        lambda password: hashed.append(password) or real(password),
    )
    sign_up(client, username="max.roe", email="jane@example.org")
    assert hashed == [PASSWORD]


def test_a_new_address_gets_a_code_and_the_account_waits_for_it(client, agreement):
    sign_up(client)
    message = only_mail()
    assert message.to == ["ann@example.org"]
    code = code_in(message)
    assert code in message.subject
    assert "15 minutes" in message.body
    # The code, and a link for later (test_verification_link.py) that needs a
    # click on its page: a mail scanner following it verifies nothing.
    assert "/account/confirm-email/" in message.body
    assert "3 days" in message.body
    user = User.objects.get(username="ann.lee")
    assert not has_verified_email(user)
    assert Consent.objects.filter(user=user).exists()
    assert "_auth_user_id" not in client.session  # not logged in before the code
    assert client.get("/en/me/")["Location"].startswith("/en/account/login/")


# The code page


def test_a_wrong_code_is_refused_with_a_clear_error(client, agreement):
    location = sign_up(client)["Location"]
    response = client.post(location, {"action": "verify", "code": "12345"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'role="alert"' in html
    assert "This is not the code we sent." in html
    assert 'href="#id_code"' in html
    assert 'inputmode="numeric"' in html
    assert "_auth_user_id" not in client.session
    assert not has_verified_email(User.objects.get())


def test_too_many_wrong_codes_end_the_attempt(client, agreement, settings):
    location = sign_up(client)["Location"]
    for _attempt in range(settings.ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS):
        response = client.post(location, {"action": "verify", "code": "000000"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/"
    assert client.get(CODE_PAGE)["Location"] == "/en/account/login/"


def test_the_right_code_logs_in_and_leads_to_the_application_form(
    client, agreement, offer
):
    apply_url = offer.apply_url()
    location = sign_up(client, apply_url)["Location"]
    assert location == f"{CODE_PAGE}?next={apply_url.replace('/', '%2F')}"
    page = client.get(location).content.decode()
    assert "Then you go on to your application to “Data analyst”." in page
    code = code_in(only_mail())
    response = client.post(location, {"action": "verify", "code": code})
    assert response.status_code == 302
    assert response["Location"] == apply_url
    user = User.objects.get(username="ann.lee")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert has_verified_email(user)
    form = client.get(apply_url)
    assert form.status_code == 200
    assert "Data analyst" in form.content.decode()


def test_the_code_works_for_a_limited_time(client, agreement):
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        location = sign_up(client)["Location"]
        code = code_in(only_mail())
        clock.shift(datetime.timedelta(minutes=16))
        response = client.post(location, {"action": "verify", "code": code})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not has_verified_email(User.objects.get())


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/x", "javascript:alert(1)"]
)
def test_verification_never_leads_to_another_site(client, agreement, next_url):
    response = client.post(SIGNUP, {**data(), "next": next_url})
    assert response["Location"] == CODE_PAGE
    code = code_in(only_mail())
    response = client.post(
        CODE_PAGE, {"action": "verify", "code": code, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    assert "_auth_user_id" in client.session


def test_the_code_can_be_sent_again(client, agreement, offer):
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC)) as clock:
        location = sign_up(client, offer.apply_url())["Location"]
        first = code_in(only_mail())
        page = client.get(location).content.decode()
        assert "Send the code again" in page
        mail.outbox.clear()
        clock.shift(datetime.timedelta(seconds=30))
        response = client.post(
            location, {"action": "resend", "next": offer.apply_url()}
        )
        assert response.status_code == 302
        assert response["Location"] == location
        second = code_in(only_mail())
        response = client.post(location, {"action": "verify", "code": second})
    assert response["Location"] == offer.apply_url()
    assert "_auth_user_id" in client.session
    assert first  # the first code was replaced by the second


def test_start_again_leaves_the_code_page_for_sign_up(client, agreement, offer):
    location = sign_up(client, offer.apply_url())["Location"]
    page = client.get(location).content.decode()
    assert "Start again" in page
    signup_url = f"/en/account/signup/?next={offer.apply_url().replace('/', '%2F')}"
    assert f'value="{signup_url}"' in page
    response = client.post("/en/account/logout/", {"next": signup_url})
    assert response["Location"] == signup_url
    assert client.get(signup_url).status_code == 200  # no longer held on the code


# Log-in: the page names the offer; an account not verified yet gets a code


def test_the_log_in_page_names_the_offer_and_offers_to_create_a_profile(client, offer):
    response = client.get(offer.apply_url())
    assert response["Location"] == f"/en/account/login/?next={offer.apply_url()}"
    html = client.get(response["Location"]).content.decode()
    assert "Log in to apply to Data analyst" in html
    signup = f'href="/en/account/signup/?next={offer.apply_url().replace("/", "%2F")}"'
    assert signup in html
    assert "Create your profile" in html


def test_the_log_in_page_stays_plain_for_other_destinations(client, agreement):
    html = client.get("/en/account/login/?next=/en/me/").content.decode()
    assert "<h1>Log in</h1>" in html
    assert "Log in to apply" not in html


def test_an_unverified_account_logs_in_through_a_code(client, agreement, offer):
    user = UserFactory(username="old.timer", email="old@example.org", password=PASSWORD)
    EmailAddressFactory(user=user, email="old@example.org", verified=False)
    response = client.post(
        "/en/account/login/",
        {"login": "old.timer", "password": PASSWORD, "next": offer.apply_url()},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_PAGE)
    assert "_auth_user_id" not in client.session
    code = code_in(only_mail())
    response = client.post(response["Location"], {"action": "verify", "code": code})
    assert response["Location"] == offer.apply_url()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_session_opened_before_verification_gets_a_code_to_apply(
    client, agreement, offer
):
    user = UserFactory(username="old.timer", email="old@example.org", password=PASSWORD)
    EmailAddressFactory(user=user, email="old@example.org", verified=False)
    client.force_login(user)
    response = client.get(offer.apply_url())
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_PAGE)
    code = code_in(only_mail())
    response = client.post(response["Location"], {"action": "verify", "code": code})
    assert response["Location"] == offer.apply_url()
    assert client.get(offer.apply_url()).status_code == 200


def test_a_link_e_mailed_before_codes_still_works(client, agreement):
    user = UserFactory(username="old.timer", email="old@example.org", password=PASSWORD)
    address = EmailAddressFactory(user=user, email="old@example.org", verified=False)
    link = f"/en/account/confirm-email/{EmailConfirmationHMAC(address).key}/"
    page = client.get(link)
    assert "Verify my e-mail address" in page.content.decode()
    assert not has_verified_email(user)
    assert client.post(link).status_code == 302
    assert has_verified_email(user)
    assert "Link expired or already used" in client.get(link).content.decode()
    assert client.post(link).status_code == 404
