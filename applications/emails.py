"""The e-mails of applications, queued in the site's outbox (``core.outbox``) in
the transaction of the action; sent once that transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from candidates.languages import supported_language
from core.models import OutgoingEmail
from core.outbox import queue_email, render_subject
from home.models import PortalSettings

from .choices import Status
from .models import Application, Stage, StatusChange
from .placeholders import fill_placeholders


def queue_template_email(
    key: str, to: list[str], template: str, context: dict, language: str = ""
) -> OutgoingEmail | None:
    """Renders ``emails/applications/<template>`` and queues it under ``key`` (once:
    a second call with the same key queues nothing), in ``language`` when given
    (the candidate's), else in the current one."""
    if not any(to) or OutgoingEmail.objects.filter(key=key).exists():
        return None  # nothing to render
    if language:
        with translation.override(supported_language(language)):
            return _render_and_queue(key, to, template, context)
    return _render_and_queue(key, to, template, context)


def _render_and_queue(
    key: str, to: list[str], template: str, context: dict
) -> OutgoingEmail | None:
    context = {"base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    prefix = f"emails/applications/{template}"
    return queue_email(
        key=key,
        to=to,
        subject=render_subject(f"{prefix}_subject.txt", context),
        body=render_to_string(f"{prefix}.txt", context),
        html=render_to_string(f"{prefix}.html", context),
    )


def _hr_email() -> str:
    portal_settings = PortalSettings.objects.order_by("pk").first()
    return portal_settings.hr_email if portal_settings else ""


def queue_submission_emails(application: Application) -> None:
    """The acknowledgment to the candidate and the notification to HR."""
    base = settings.WAGTAILADMIN_BASE_URL
    context = {
        "application": application,
        # Lazy: the link in the language of the e-mail it is written in.
        "candidate_url": format_lazy(
            "{}{}", base, reverse_lazy("applications:detail", args=[application.pk])
        ),
        "admin_url": base
        + reverse("applications_application_modeladmin_inspect", args=[application.pk]),
    }
    queue_template_email(
        f"application-{application.pk}-acknowledgment",
        [application.candidate.email],
        "acknowledgment",
        context,
        language=application.candidate.language,
    )
    queue_template_email(
        f"application-{application.pk}-hr-notification",
        [_hr_email()],
        "hr_notification",
        context,
    )


def queue_status_email(change: StatusChange) -> None:
    """Tells the candidate about a new status, with HR's message."""
    application = change.application
    queue_template_email(
        f"status-change-{change.pk}",
        [application.candidate.email],
        "status_change",
        {
            "application": application,
            "change": change,
            "status": application.candidate_status,
            "candidate_url": format_lazy(
                "{}{}",
                settings.WAGTAILADMIN_BASE_URL,
                reverse_lazy("applications:detail", args=[application.pk]),
            ),
        },
        language=application.candidate.language,
    )


def placeholder_values(application: Application, stage: Stage) -> dict[str, str]:
    return {
        "first_name": application.first_name
        or (application.candidate.username if application.candidate_id else ""),
        "last_name": application.last_name,
        "offer_title": application.title,
        "offer_reference": application.reference,
        # The status the candidate reads, never HR's name of the stage.
        "stage": str(Status(stage.public_status).label),
    }


def sample_application() -> Application:
    """An unsaved application to preview the stages' e-mails with."""
    return Application(
        first_name="Camille",
        last_name="Martin",
        offer_title=str(_("Sample offer: Data analyst")),
        offer_reference="REF-0001",
        status=Status.SUBMITTED,
    )


def render_stage_email(
    application: Application, stage: Stage, message: str = ""
) -> dict[str, str]:
    """The stage's e-mail for ``application``: subject, text and HTML, with HR's
    optional message after the template's text."""
    values = placeholder_values(application, stage)
    text = fill_placeholders(stage.email_body, values)
    context = {
        "application": application,
        "paragraphs": [part.strip() for part in text.split("\n\n") if part.strip()],
        "text": text.strip(),
        "message": message,
        "candidate_url": settings.WAGTAILADMIN_BASE_URL
        + (
            reverse("applications:detail", args=[application.pk])
            if application.pk
            else reverse("applications:list")
        ),
        "base_url": settings.WAGTAILADMIN_BASE_URL,
    }
    return {
        "subject": " ".join(fill_placeholders(stage.email_subject, values).split()),
        "body": render_to_string("emails/applications/stage_message.txt", context),
        "html": render_to_string("emails/applications/stage_message.html", context),
        "context": context,
    }


def queue_stage_email(change: StatusChange) -> OutgoingEmail | None:
    """Renders the stage's e-mail for the change, records it in the history (the
    change's subject and text) and queues it, in the caller's transaction."""
    application = change.application
    if not application.candidate_id:
        return None
    # The template's words are HR's, in the stage's translation for the
    # candidate's language when there is one; the frame around them (greeting,
    # link, dates) is in the candidate's language.
    language = supported_language(application.candidate.language)
    with translation.override(language):
        stage = change.stage.in_language(language)
        rendered = render_stage_email(application, stage, change.message)
    change.email_subject = rendered["subject"][:300]
    change.email_body = rendered["body"]
    change.save(update_fields=["email_subject", "email_body"])
    return queue_email(
        key=f"status-change-{change.pk}",
        to=[application.candidate.email],
        subject=rendered["subject"],
        body=rendered["body"],
        html=rendered["html"],
    )
