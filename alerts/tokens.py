"""Signed unsubscribe links: whoever holds the e-mail can stop the alerts it came
from, without logging in, and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "alerts.unsubscribe"


def max_age() -> timedelta:
    return timedelta(days=getattr(settings, "JOB_ALERTS_UNSUBSCRIBE_DAYS", 180))


def make_token(candidate_id: int, alert_ids: Iterable[int]) -> str:
    """A token naming the candidate and the alerts that made one e-mail."""
    return signing.dumps(
        {"c": candidate_id, "a": sorted(set(alert_ids))}, salt=SALT, compress=True
    )


def read_token(token: str) -> tuple[int, list[int]]:
    """The candidate and alerts of a token.

    Raises ``signing.SignatureExpired`` for an old token and
    ``signing.BadSignature`` for any other that this site did not sign.
    """
    data = signing.loads(token, salt=SALT, max_age=max_age())
    try:
        candidate_id = int(data["c"])
        alert_ids = [int(pk) for pk in data["a"]]
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Malformed unsubscribe token") from error
    return candidate_id, alert_ids
