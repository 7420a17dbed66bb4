"""Background work of the site: sending e-mails through the tasks API."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt while the mail server cannot take an e-mail
# (about two days in all); then the task fails, and the failure is logged.
EMAIL_RETRY_DELAYS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    reply_to: list[str] | None = None,
    from_email: str | None = None,
    message_id: str = "",
    attempt: int = 1,
) -> int:
    """Sends one e-mail; returns how many were handed to the mail server.

    While the mail server is down or answers "try later", the e-mail is queued again
    for later (backends with ``run_after``: the database one), as a new task with the
    same Message-ID: the failed run ends there, so a retry never sends twice.
    """
    message_id = message_id or make_msgid(domain=DNS_NAME)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to or None,
        headers={"Message-ID": message_id},
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except OSError as exc:  # smtplib's errors and refused connections alike
        backend = send_email.get_backend()
        if (
            _is_permanent(exc)
            or not backend.supports_defer
            or attempt > len(EMAIL_RETRY_DELAYS)
        ):
            raise
        delay = EMAIL_RETRY_DELAYS[attempt - 1]
        send_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            subject=subject,
            body=body,
            to=to,
            html=html,
            reply_to=reply_to,
            from_email=from_email,
            message_id=message_id,
            attempt=attempt + 1,
        )
        logger.warning(
            "E-mail %s not sent (attempt %d: %s); next attempt in %d s.",
            message_id,
            attempt,
            exc,
            delay,
        )
        return 0


def _is_permanent(error: OSError) -> bool:
    """Whether the mail server refused this e-mail for good (bad recipients or
    content), rather than being unreachable or misconfigured for now."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500
