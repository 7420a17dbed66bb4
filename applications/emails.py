"""The e-mails of applications: written as ``OutgoingEmail`` rows in the transaction
of the action, sent by ``tasks.deliver_email`` once that transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from home.models import PortalSettings

from .models import Application, OutgoingEmail, StatusChange
from .tasks import deliver_email


def queue_email(key: str, to: list[str], template: str, context: dict) -> None:
    """Writes the e-mail under ``key`` (once: a second call with the same key does
    nothing) and sends it after the commit."""
    if not to or OutgoingEmail.objects.filter(key=key).exists():
        return
    context = {"base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject = " ".join(
        render_to_string(f"emails/applications/{template}_subject.txt", context).split()
    )
    email = OutgoingEmail.objects.create(
        key=key,
        to=to,
        subject=subject,
        body=render_to_string(f"emails/applications/{template}.txt", context),
        html=render_to_string(f"emails/applications/{template}.html", context),
        message_id=make_msgid(domain=DNS_NAME),
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email_id=email.pk))


def _hr_email() -> str:
    portal_settings = PortalSettings.objects.order_by("pk").first()
    return portal_settings.hr_email if portal_settings else ""


def queue_submission_emails(application: Application) -> None:
    """The acknowledgment to the candidate and the notification to HR."""
    base = settings.WAGTAILADMIN_BASE_URL
    context = {
        "application": application,
        "candidate_url": base + reverse("applications:detail", args=[application.pk]),
        "admin_url": base
        + reverse("applications_application_modeladmin_inspect", args=[application.pk]),
    }
    queue_email(
        f"application-{application.pk}-acknowledgment",
        [application.candidate.email],
        "acknowledgment",
        context,
    )
    queue_email(
        f"application-{application.pk}-hr-notification",
        [_hr_email()],
        "hr_notification",
        context,
    )


def queue_status_email(change: StatusChange) -> None:
    """Tells the candidate about a new status, with HR's message."""
    application = change.application
    queue_email(
        f"status-change-{change.pk}",
        [application.candidate.email],
        "status_change",
        {
            "application": application,
            "change": change,
            "status": application.candidate_status,
            "candidate_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("applications:detail", args=[application.pk]),
        },
    )
