"""Every public page of the demo is valid HTML, as the Nu HTML Checker sees it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.demo_pages import DEMO_PAGES

VNU_JAR = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

pytestmark = pytest.mark.html_checker

PUBLIC_PATHS = [
    *DEMO_PAGES,
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
    "/en/account/forgot-username/",
    "/en/no-such-page/",
]


def validate(files: list[Path]) -> list[dict]:
    """The checker's errors for the given files."""
    if not VNU_JAR.exists() or shutil.which("java") is None:
        pytest.fail("The Nu HTML Checker needs Java and `npm ci` (run `make test`).")
    result = subprocess.run(  # noqa: S603 - fixed command line
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


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
