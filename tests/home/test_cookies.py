"""The site sets only the cookies its Cookies page lists: every public and
candidate page and form, anonymous and logged in, with messages on the way."""

from __future__ import annotations

import pytest
from django.test import Client

from candidates.consent import current_agreement
from home.demo import DEMO_COOKIES, cookie_names
from home.models import CookiesPage
from offers.models import OfferPage
from tests.demo_pages import DEMO_PAGES

CANDIDATE = {"login": "candidate", "password": "candidate-demo-pass"}
HR = {"login": "hr", "password": "hr-demo-pass"}

PUBLIC_PAGES = [
    *DEMO_PAGES,
    "/en/offers/?q=developer",
    "/en/offers/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
    "/en/account/forgot-username/",
    "/en/no-such-page/",
]
CANDIDATE_PAGES = [
    "/en/me/",
    "/en/me/profile/",
    "/en/me/profile/experience/add/",
    "/en/me/documents/",
    "/en/me/applications/",
    "/en/me/parameters/",
    "/en/me/parameters/username/",
    "/en/me/parameters/consents/",
    "/en/me/parameters/data/",
    "/en/me/parameters/delete/",
    "/en/account/email/",
    "/en/account/password/change/",
    "/en/alerts/new/",
    "/en/apply/speculative/",
]


class CookieWalk:
    """A browser that notes the name of every cookie a response sets."""

    def __init__(self) -> None:
        self.client = Client()
        self.set: dict[str, str] = {}

    def note(self, response, step: str):
        for name in response.cookies:
            self.set.setdefault(name, step)
        return response

    def get(self, path: str, **params):
        return self.note(self.client.get(path, params), f"GET {path}")

    def post(self, path: str, data: dict | None = None):
        response = self.note(self.client.post(path, data or {}), f"POST {path}")
        if response.status_code in (301, 302, 303):
            # The page after a form shows its message (and may set a cookie).
            self.get(response["Location"])
        return response


def listed_names() -> set[str]:
    """Every cookie name the demo Cookies page lists."""
    page = CookiesPage.objects.get(locale__language_code="en")
    return {
        name for block in page.cookies for name in cookie_names(block.value["name"])
    }


@pytest.fixture(
    params=["plain", "production"],
    ids=["plain names", "production __Host- names"],
)
def cookie_settings(request, settings):
    if request.param == "production":
        settings.SESSION_COOKIE_NAME = "__Host-sessionid"
        settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    return settings


def test_the_demo_cookies_page_lists_each_cookie_and_no_tracking(client, demo_site):
    html = client.get("/en/cookies/").content.decode()
    for name, _purpose, duration in DEMO_COOKIES:
        assert name.split(",")[0] in html and duration in html
    assert "no tracking, analytics or advertising cookie" in html
    assert {"__Host-sessionid", "sessionid", "__Host-csrftoken", "csrftoken"} <= (
        listed_names()
    )


def test_every_cookie_the_site_sets_is_listed(demo_site, cookie_settings):
    walk = CookieWalk()
    offer = OfferPage.objects.live().first().url

    # Anonymous: every public page, then every form, right and wrong.
    for path in [*PUBLIC_PAGES, offer, f"{offer}apply/"]:
        walk.get(path)
    walk.post("/en/contact/", {})
    walk.post(
        "/en/contact/",
        {
            "your_name": "Jane Doe",
            "your_e_mail_address": "jane@example.org",
            "subject": "A question",
            "your_message": "Is the internship open to students?",
        },
    )
    walk.post("/en/account/login/", {"login": "nobody", "password": "wrong"})
    walk.post("/en/account/signup/", {"username": "a b"})
    walk.post("/en/account/forgot-username/", {"email": "nobody@example.org"})
    walk.post("/en/account/password/reset/", {"email": "nobody@example.org"})

    # A candidate: log in, every page of their space, forms with messages.
    walk.post("/en/account/login/", CANDIDATE)
    for path in [*CANDIDATE_PAGES, *PUBLIC_PAGES, offer, f"{offer}apply/"]:
        walk.get(path)
    saved = walk.client.post(
        "/en/me/profile/", {"first_name": "Camille", "last_name": "Martin"}
    )
    walk.note(saved, "POST /me/profile/")
    page = walk.get(saved["Location"])
    assert "Your profile is saved" in page.content.decode()  # a message was shown
    walk.post("/en/me/parameters/consents/", {"optional_talent_pool": "on"})
    walk.post("/en/me/parameters/username/", {"username": "a b"})
    walk.post("/en/alerts/new/", {"keywords": "developer", "frequency": "daily"})

    # A new agreement to accept, then log out (with its message).
    agreement = current_agreement()
    agreement.introduction = "A new version."
    agreement.save_revision().publish()
    walk.get("/en/me/")
    walk.get("/en/me/parameters/agreement/", next="/en/me/")
    walk.post("/en/me/parameters/agreement/", {"accept_data_protection": "on"})
    walk.post("/en/account/logout/")

    # Staff on the public site and in the admin.
    walk.post("/en/account/login/", HR)
    for path in ["/", "/en/offers/", "/admin/"]:
        response = walk.get(path)
    assert response.status_code == 200  # logged in to the admin

    session, csrf = (
        cookie_settings.SESSION_COOKIE_NAME,
        cookie_settings.CSRF_COOKIE_NAME,
    )
    assert {session, csrf} <= set(walk.set), walk.set  # the walk saw them set
    assert set(walk.client.cookies) <= set(walk.set)
    unlisted = {
        name: step for name, step in walk.set.items() if name not in listed_names()
    }
    assert unlisted == {}, f"Cookies set but not on the Cookies page: {unlisted}"
