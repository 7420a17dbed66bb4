""" "My parameters": username, e-mail address (verified again), password."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from candidates.models import User
from candidates.verification import has_verified_email

from .conftest import PASSWORD, code_in, only_mail

pytestmark = pytest.mark.django_db

USERNAME = "/en/me/parameters/username/"
EMAIL = "/en/account/email/"
PASSWORD_CHANGE = "/en/account/password/change/"
CODE_PAGE = "/en/account/confirm-email/"


@pytest.fixture
def jane(client, candidate):
    client.force_login(candidate)
    return candidate


@pytest.mark.parametrize(
    "url", ["/en/me/parameters/", USERNAME, EMAIL, PASSWORD_CHANGE]
)
def test_parameters_need_a_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")


def test_the_parameters_page_lists_what_can_change(client, jane):
    html = client.get("/en/me/parameters/").content.decode()
    for url in (USERNAME, EMAIL, PASSWORD_CHANGE):
        assert f'href="{url}"' in html
    assert "Jane.Doe" in html and "jane@example.org" in html


def test_the_space_links_each_part_the_apps_register(client, jane):
    """The menu's cards come from the apps' hooks ("My applications" from the
    applications app), in their order."""
    html = client.get("/en/me/").content.decode()
    cards = [
        "/en/me/profile/",
        "/en/me/documents/",
        "/en/me/applications/",
        "/en/me/parameters/",
    ]
    positions = [html.index(f'class="space-card" href="{url}"') for url in cards]
    assert positions == sorted(positions)


def test_the_parameters_page_shows_the_sections_of_the_other_apps(client, jane):
    """After the account: the alerts, then the consents and the data rights."""
    html = client.get("/en/me/parameters/").content.decode()
    titles = ["account-title", "alerts-title", "consents-title", "data-title"]
    positions = [html.index(f'id="{title}"') for title in titles]
    assert positions == sorted(positions)
    assert 'href="/en/me/parameters/data/"' in html
    assert 'href="/en/me/parameters/delete/"' in html


def test_change_the_username(client, jane):
    response = client.post(USERNAME, {"username": "jane.smith"})
    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.username == "jane.smith"
    client.logout()
    response = client.post(
        "/en/account/login/", {"login": "JANE.SMITH", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_only_the_case_of_ones_own_username_may_change(client, jane):
    assert client.post(USERNAME, {"username": "JANE.DOE"}).status_code == 302
    jane.refresh_from_db()
    assert jane.username == "JANE.DOE"


@pytest.mark.parametrize(
    ("username", "error"),
    [
        ("BOB", "already taken"),
        ("jаne", "unaccented letters"),  # Cyrillic "а"
        ("ｊａｎｅ", "unaccented letters"),
        ("ja", "at least 3"),
        ("x" * 4096, "at most"),
        ("jane\x00x", "Null characters"),
        ("", "required"),
    ],
)
def test_bad_usernames_are_refused(client, jane, other_candidate, username, error):
    response = client.post(USERNAME, {"username": username})
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert 'href="#id_username"' in html
    jane.refresh_from_db()
    assert jane.username == "Jane.Doe"
    # The header and page show the saved username, not the refused one.
    assert "Your username is <strong>Jane.Doe</strong>" in html


def test_extra_fields_are_ignored(client, jane):
    client.post(
        USERNAME,
        {
            "username": "jane2",
            "is_staff": "on",
            "is_superuser": "on",
            "email": "x@x.org",
        },
    )
    jane.refresh_from_db()
    assert jane.username == "jane2"
    assert not jane.is_staff and not jane.is_superuser
    assert jane.email == "jane@example.org"


def test_a_new_address_is_used_once_verified(client, jane):
    response = client.post(EMAIL, {"action_add": "1", "email": "Jane.New@Example.org"})
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    jane.refresh_from_db()
    assert jane.email == "jane@example.org"  # unchanged until verified
    message = only_mail()
    assert message.to == ["jane.new@example.org"]
    code = code_in(message)
    page = client.get(CODE_PAGE).content.decode()
    assert "jane.new@example.org" in page
    assert 'href="/en/account/email/"' in page  # wrong address? change it
    mail.outbox.clear()
    response = client.post(CODE_PAGE, {"action": "verify", "code": code})
    assert response["Location"] == "/en/me/"
    jane.refresh_from_db()
    assert jane.email == "jane.new@example.org"
    assert has_verified_email(jane)
    assert list(
        EmailAddress.objects.filter(user=jane).values_list("email", flat=True)
    ) == ["jane.new@example.org"]
    # The old address is told of the change.
    (notice,) = mail.outbox
    assert notice.to == ["jane@example.org"]
    assert "jane.new@example.org" in notice.body


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("BOB@example.org", "Another account uses this e-mail address"),
        ("bob@exаmple.org", "unaccented letters"),  # Cyrillic "а"
        ("not-an-address", "valid"),
        ("jane\x00@example.org", "valid"),
    ],
)
def test_bad_new_addresses_are_refused(client, jane, other_candidate, email, error):
    response = client.post(EMAIL, {"action_add": "1", "email": email})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EmailAddress.objects.filter(user=jane, verified=False).exists()
    assert mail.outbox == []


def test_an_address_taken_meanwhile_cannot_be_confirmed(client, jane):
    client.post(EMAIL, {"action_add": "1", "email": "new@example.org"})
    code = code_in(only_mail())
    User.objects.create_user("late", "NEW@example.org", "x")
    response = client.post(CODE_PAGE, {"action": "verify", "code": code})
    assert response.status_code == 200
    assert "An account already uses this e-mail address." in response.content.decode()
    jane.refresh_from_db()
    assert jane.email == "jane@example.org"


def test_change_the_password(client, jane):
    response = client.post(
        PASSWORD_CHANGE,
        {
            "oldpassword": PASSWORD,
            "password1": "Brand-New-Pass-5",
            "password2": "Brand-New-Pass-5",
        },
    )
    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.check_password("Brand-New-Pass-5")
    assert "was changed" in only_mail().subject


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {
                "oldpassword": "wrong",
                "password1": "Brand-New-5",
                "password2": "Brand-New-5",
            },
            "oldpassword",
        ),
        (
            {"oldpassword": PASSWORD, "password1": "123", "password2": "123"},
            "password1",
        ),
        (
            {
                "oldpassword": PASSWORD,
                "password1": "Brand-New-5",
                "password2": "Other-1",
            },
            "password2",
        ),
        (
            {
                "oldpassword": PASSWORD,
                "password1": "a\x00bcdefgh",
                "password2": "a\x00bcdefgh",
            },
            "password1",
        ),
    ],
)
def test_bad_password_changes_are_refused(client, jane, data, field):
    response = client.post(PASSWORD_CHANGE, data)
    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode()
    jane.refresh_from_db()
    assert jane.check_password(PASSWORD)
