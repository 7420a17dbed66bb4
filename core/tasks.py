"""The delivery of queued e-mails, with the one retry policy of the site."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt while the mail server cannot take an e-mail
# (about two days in all); then the e-mail is given up, and the task fails.
EMAIL_RETRY_DELAYS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)


def is_permanent(error: Exception) -> bool:
    """Whether this e-mail can never go: the mail server refused it for good (bad
    recipients or content) or it cannot be built at all, rather than a mail server
    unreachable or misconfigured for now."""
    if not isinstance(error, OSError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


@task()
def deliver_email(email_id: int) -> bool:
    """Sends one ``OutgoingEmail`` unless it was sent (or given up) already; returns
    whether this run sent it.

    The row stays locked while it is sent, so two runs (a retry, a second worker)
    never both send it. While the mail server is down or answers "try later", the
    next attempt is queued after ``EMAIL_RETRY_DELAYS`` (backends that can defer a
    task: the database one) and this run ends. An e-mail refused for good or that
    cannot be built, the last attempt, or a backend that cannot defer gives the
    e-mail up (``failed_at``) and fails the task.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            email.message().send()
        # smtplib's errors and refused connections alike (OSError), or a message
        # that cannot be built (a header with a line break...).
        except Exception as exc:
            error = exc
        else:
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            email.save(update_fields=["attempts", "sent_at", "next_attempt_at"])
            return True
        now = timezone.now()
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if (
            is_permanent(error)
            or not deliver_email.get_backend().supports_defer
            or email.attempts > len(EMAIL_RETRY_DELAYS)
        ):
            email.failed_at, email.next_attempt_at = now, None
            logger.error(
                "E-mail %s given up after %d attempt(s): %s",
                email.key,
                email.attempts,
                email.last_error,
            )
        else:
            delay = EMAIL_RETRY_DELAYS[email.attempts - 1]
            email.next_attempt_at = now + timedelta(seconds=delay)
            # In this transaction: with the database backend, the next task and the
            # row's new state are committed together.
            deliver_email.using(run_after=email.next_attempt_at).enqueue(
                email_id=email.pk
            )
            logger.warning(
                "E-mail %s not sent (attempt %d: %s); next attempt in %d s.",
                email.key,
                email.attempts,
                email.last_error,
                delay,
            )
        email.save(
            update_fields=["attempts", "last_error", "failed_at", "next_attempt_at"]
        )
    if email.failed_at is not None:
        raise error
    return False
