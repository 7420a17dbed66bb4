"""The e-mails of privacy: the erasure's confirmation and the retention purge's
warning, each a ``templates/emails/privacy/<name>`` trio."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from candidates.emails import organisation_name, site_url
from candidates.languages import supported_language
from core.outbox import queue_email as queue_outgoing_email
from core.outbox import render_subject


def queue_email(
    key: str, to: str, template: str, context: dict[str, Any], language: str
) -> None:
    """Writes ``emails/privacy/<template>`` to the outbox under ``key`` (once),
    in the current transaction, in ``language`` (the candidate's); it is sent
    after the commit."""
    if not to:
        return
    with translation.override(supported_language(language)):
        _render_and_queue(key, to, template, context)


def _render_and_queue(
    key: str, to: str, template: str, context: dict[str, Any]
) -> None:
    context = {
        "email": to,
        "organisation_name": organisation_name(),
        "site_url": site_url("/"),
        "login_url": site_url(reverse("account_login")),
        **context,
    }
    prefix = f"emails/privacy/{template}"
    queue_outgoing_email(
        key=key,
        to=[to],
        subject=render_subject(f"{prefix}_subject.txt", context),
        body=render_to_string(f"{prefix}.txt", context),
        html=render_to_string(f"{prefix}.html", context),
    )
