"""Sending the e-mails of applications, once each, through the tasks API."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from home.tasks import EMAIL_RETRY_DELAYS, _is_permanent

logger = logging.getLogger(__name__)


@task()
def deliver_email(*, email_id: int) -> bool:
    """Sends one ``OutgoingEmail`` unless it was sent already; returns whether it
    was sent by this run. The row stays locked while it is sent, so two runs of
    the same task (a retry, a second worker) never both send it."""
    from .models import OutgoingEmail

    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            to=email.to,
            headers={"Message-ID": email.message_id},
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except OSError as exc:
            email.last_error = str(exc)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            backend = deliver_email.get_backend()
            if (
                _is_permanent(exc)
                or not backend.supports_defer
                or email.attempts > len(EMAIL_RETRY_DELAYS)
            ):
                logger.error("E-mail %s not sent: %s", email.key, exc)
                return False
            delay = EMAIL_RETRY_DELAYS[email.attempts - 1]
            transaction.on_commit(
                lambda: deliver_email.using(
                    run_after=timezone.now() + timedelta(seconds=delay)
                ).enqueue(email_id=email_id)
            )
            logger.warning(
                "E-mail %s not sent (%s); retried in %d s", email, exc, delay
            )
            return False
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "sent_at", "last_error"])
    return True
