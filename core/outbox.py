"""The outbox: the one way the site queues an e-mail.

``queue_email()`` writes an ``OutgoingEmail`` row in the caller's transaction, so
the e-mail exists if and only if the action that causes it is committed, and
``tasks.deliver_email`` sends it once that transaction commits::

    with transaction.atomic():
        application.submit()
        queue_email(key=f"application-{application.pk}-acknowledgment", ...)

A second call with the same key queues nothing: a retried action, a double click
or two racing workers send one e-mail. ``manage.py send_queued_emails`` (cron)
queues again the deliveries that a crash or a stopped queue left behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone

from .models import OutgoingEmail
from .tasks import deliver_email

# How late a delivery may be before ``requeue_stalled_emails()`` queues it again:
# longer than a busy queue takes to reach it.
STALLED_AFTER = timedelta(minutes=30)


def render_subject(template_name: str, context: Mapping[str, Any]) -> str:
    """Renders a ``*_subject.txt`` template as the plain text a subject is: no
    HTML escaping ("O'Brien & Co", not "O&#x27;Brien &amp; Co"), on one line."""
    template = Engine.get_default().get_template(template_name)
    return " ".join(template.render(Context(dict(context), autoescape=False)).split())


def queue_email(
    *,
    key: str,
    to: Iterable[str],
    subject: str,
    body: str,
    html: str = "",
    reply_to: Iterable[str] | None = None,
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingEmail | None:
    """Writes the e-mail under ``key`` in the current transaction and sends it
    after the commit; returns its row, or None when it has no recipient.

    Idempotent: when ``key`` is taken, the row already written is returned and no
    second e-mail is queued. ``from_email`` defaults to ``DEFAULT_FROM_EMAIL`` at
    sending time; the subject is kept on one line.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return None
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": recipients,
            "reply_to": [address for address in reply_to or () if address],
            "from_email": from_email or "",
            "subject": " ".join(subject.split()),
            "body": body,
            "html": html,
            "headers": headers or {},
            "message_id": make_msgid(domain=DNS_NAME),
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        email_id = email.pk
        # robust: a queue that cannot be reached does not undo the committed
        # action; requeue_stalled_emails() sends the e-mail later.
        transaction.on_commit(
            lambda: deliver_email.enqueue(email_id=email_id), robust=True
        )
    return email


def requeue_stalled_emails(now: datetime | None = None) -> int:
    """Queues again the deliveries overdue by ``STALLED_AFTER`` (a task lost to a
    crash between the commit and the queue, a queue emptied by hand); returns
    how many. A delivery queued twice is still sent once."""
    now = now or timezone.now()
    overdue = OutgoingEmail.objects.filter(next_attempt_at__lte=now - STALLED_AFTER)
    stalled = list(overdue.values_list("pk", flat=True))
    # The next run of the command leaves them to these new tasks for a while.
    OutgoingEmail.objects.filter(pk__in=stalled).update(next_attempt_at=now)
    for email_id in stalled:
        deliver_email.enqueue(email_id=email_id)
    return len(stalled)
