"""The code's e-mail also carries a link, for a candidate who reads it later (the
code expired, the tab closed): it verifies the address and leads back to the
application they were making, through the log-in page when they are not logged in
any more."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse

from candidates.models import User
from candidates.verification import has_verified_email
from offers.factories import OfferIndexPageFactory, OfferPageFactory

from .conftest import PASSWORD, CommittingClient, links_in, only_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(agreement, home_page):
    index = OfferIndexPageFactory(parent=home_page)
    return OfferPageFactory(parent=index, title="Data analyst", slug="data-analyst")


def sign_up(client, next_url: str = "") -> None:
    url = reverse("account_signup") + (f"?next={next_url}" if next_url else "")
    response = client.post(
        url,
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "username": "ann.lee",
            "email": "ann@example.org",
            "password1": PASSWORD,
            "accept_data_protection": "on",
        },
    )
    assert response.status_code == 302


def verification_link(message) -> str:
    """The path and query of the verification link of an e-mail."""
    (link,) = [link for link in links_in(message) if "/account/confirm-email/" in link]
    assert link in message.alternatives[0][0]  # the HTML part has it too
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_the_link_read_later_leads_back_to_the_application(client, offer):
    sign_up(client, offer.apply_url())
    link = verification_link(only_mail())
    assert "next=%2Fen%2Foffers%2Fdata-analyst%2Fapply%2F" in link

    later = CommittingClient()  # another day, another browser: no session
    page = later.get(link).content.decode()
    assert "Verify my e-mail address" in page
    assert "Then you go on to your application to “Data analyst”." in page
    assert not has_verified_email(User.objects.get(username="ann.lee"))

    response = later.post(link, {"next": offer.apply_url()})
    assert response["Location"] == offer.apply_url()
    assert has_verified_email(User.objects.get(username="ann.lee"))
    # Not logged in there: the log-in page, then the application form.
    login = later.get(offer.apply_url())
    assert login["Location"] == f"{reverse('account_login')}?next={offer.apply_url()}"
    response = later.post(login["Location"], {"login": "ann.lee", "password": PASSWORD})
    assert response["Location"] == offer.apply_url()
    form = later.get(offer.apply_url())
    assert form.status_code == 200
    assert form.context["offer"] == offer


def test_the_link_in_the_signing_up_tab_logs_in_and_goes_on(client, offer):
    sign_up(client, offer.apply_url())
    link = verification_link(only_mail())
    response = client.post(link, {"next": offer.apply_url()})
    assert response["Location"] == offer.apply_url()
    user = User.objects.get(username="ann.lee")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(offer.apply_url()).status_code == 200


def test_the_link_outlives_the_code_and_then_expires(client, offer):
    sign_up(client, offer.apply_url())
    link = verification_link(only_mail())
    now = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        assert (
            "Verify my e-mail address" in CommittingClient().get(link).content.decode()
        )
    with time_machine.travel(now + datetime.timedelta(days=4)):
        page = CommittingClient().get(link).content.decode()
        assert "Link expired or already used" in page
        # Its log-in still leads to the application.
        assert f"?next={offer.apply_url().replace('/', '%2F')}" in page


def test_without_a_destination_the_link_is_plain(client, agreement):
    sign_up(client)
    link = verification_link(only_mail())
    assert "?" not in link


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/x", "javascript:alert(1)"]
)
def test_the_link_never_leads_to_another_site(client, agreement, next_url):
    sign_up(client, next_url)
    link = verification_link(only_mail())
    assert "evil" not in link
    assert "javascript" not in link
