"""Every public page of the demo is valid HTML, as the Nu HTML Checker sees it."""

from pathlib import Path

import pytest

from tests.demo_pages import DEMO_PAGES
from tests.html_checker import validate

pytestmark = pytest.mark.html_checker

PUBLIC_PATHS = [
    *DEMO_PAGES,
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
    "/en/account/forgot-username/",
    "/en/no-such-page/",
]


@pytest.mark.django_db
def test_public_pages_are_valid_html(client, demo_site, tmp_path):
    files = []
    for number, path in enumerate(PUBLIC_PATHS):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append(file)
    # A form sent with errors shows the error summary and field errors.
    response = client.post("/en/contact/", {"your_name": "x\ny"})
    file = tmp_path / "contact-errors.html"
    file.write_bytes(response.content)
    files.append(file)

    errors = validate(files)
    readable = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in errors
    ]
    assert errors == [], "\n".join(readable)


def test_the_checker_finds_errors(tmp_path):
    """The check above can fail: an invalid page is reported."""
    file = tmp_path / "broken.html"
    file.write_text("<!DOCTYPE html><html><body><p><div></span></body></html>")
    assert validate([file])
