"""Fixtures of the privacy tests: those of the account tests (a candidate, the
published agreement...)."""

from tests.candidates.conftest import (  # noqa: F401 - fixtures
    agreement,
    candidate,
    other_candidate,
)
