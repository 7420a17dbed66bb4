"""The demo's Cookies page, loaded by ``manage.py load_demo_data``: every cookie
the site sets, under its production name and its plain HTTP one."""

from __future__ import annotations

from typing import Any

from .factories import CookiesPageFactory
from .models import CookiesPage, HomePage

# name(s), purpose, duration. Names: production's ``__Host-`` one, then the one used
# where the site runs without HTTPS (the demo, the tests).
DEMO_COOKIES = [
    (
        "__Host-sessionid, sessionid",
        "Keeps you logged in, and carries the short messages shown after an "
        "action (such as “Your profile is saved”).",
        "Until you close your browser if you log in without “Remember me on this "
        "device”; 8 hours at most otherwise.",
    ),
    (
        "__Host-csrftoken, csrftoken",
        "Protects the forms you send (log-in, applications, contact) against "
        "forgery by another site.",
        "One year",
    ),
    (
        "wagtail_sidebar_collapsed",
        "Staff only, in the administration: remembers whether the side menu is folded.",
        "Until you close your browser",
    ),
]


def cookie_names(name: str) -> set[str]:
    """The names one row of the cookies table lists (comma-separated)."""
    return {part.strip() for part in name.split(",") if part.strip()}


def _paragraph(*texts: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def load_cookies_page(home: HomePage) -> CookiesPage:
    """The Cookies page under ``home`` (left as it is when it exists)."""
    existing = CookiesPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    return CookiesPageFactory(
        parent=home,
        title="Cookies",
        slug="cookies",
        introduction=(
            "This site sets only the cookies it needs to work. There is no tracking, "
            "analytics or advertising cookie, and none is shared with another site."
        ),
        body=[
            _paragraph(
                "Strictly necessary cookies need no consent, so this site shows no "
                "cookie banner. You can delete them in your browser's settings at "
                "any time: you will then be logged out.",
                "The site is in one language only, so it sets no language cookie. "
                "It measures no visits and embeds no content from other sites.",
            )
        ],
        cookies=[
            {
                "type": "cookie",
                "value": {"name": name, "purpose": purpose, "duration": duration},
            }
            for name, purpose, duration in DEMO_COOKIES
        ],
        supported_browsers=[
            {"type": "browser", "value": {"name": name, "versions": versions}}
            for name, versions in [
                ("Firefox", "The last two versions"),
                ("Chrome and Chromium", "The last two versions"),
                ("Edge", "The last two versions"),
                ("Safari, on macOS and iOS", "The last two versions"),
            ]
        ],
    )
