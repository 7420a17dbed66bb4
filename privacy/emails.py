"""The e-mails of privacy: the erasure's confirmation and the retention purge's
warning, each a ``templates/emails/privacy/<name>`` trio."""

from __future__ import annotations

from typing import Any

from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from candidates.emails import organisation_name, site_url


def queue_email(key: str, to: str, template: str, context: dict[str, Any]) -> None:
    """Writes ``emails/privacy/<template>`` as an outgoing e-mail under ``key``
    (once), in the current transaction; it is sent after the commit."""
    from applications.tasks import deliver_email

    from applications.models import OutgoingEmail

    if not to or OutgoingEmail.objects.filter(key=key).exists():
        return
    context = {
        "email": to,
        "organisation_name": organisation_name(),
        "site_url": site_url("/"),
        "login_url": site_url(reverse("account_login")),
        **context,
    }
    prefix = f"emails/privacy/{template}"
    email = OutgoingEmail.objects.create(
        key=key,
        to=[to],
        subject=" ".join(render_to_string(f"{prefix}_subject.txt", context).split()),
        body=render_to_string(f"{prefix}.txt", context),
        html=render_to_string(f"{prefix}.html", context),
        message_id=make_msgid(domain=DNS_NAME),
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email_id=email.pk))
