"""The Nu HTML Checker (npm ``vnu-jar``, run with Java), for the tests that check
the pages they fetch are valid HTML."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

VNU_JAR = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


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
