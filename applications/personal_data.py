"""The candidate data this app keeps (applications, their history, HR's notes and
access log), as it declares it to privacy through the ``register_personal_data``
hook: how it is exported, erased, and when a candidate last acted here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Expression, OuterRef, Subquery
from django.utils import timezone

from candidates.models import User
from candidates.personal_data import (
    Erasing,
    Erasure,
    PersonalData,
    Relation,
    document_reference,
    staff_reference,
)

from .answers import export_answers
from .choices import Status
from .models import Application, ApplicationAnswer, StatusChange


def export_applications(user: User) -> dict[str, Any]:
    """The applications, with what the candidate sees of their history."""
    applications = (
        Application.objects.filter(candidate=user)
        .select_related("offer", "cv", "letter")
        .prefetch_related("job_families", "locations", "status_changes", "answers")
        .order_by("created_at", "pk")
    )
    return {
        "applications": [
            {
                "title": application.title,
                "offer_reference": application.reference,
                "speculative": application.speculative,
                "status": application.candidate_status,
                "source": application.get_source_display(),
                "started_at": application.created_at,
                "sent_at": application.submitted_at,
                "updated_at": application.updated_at,
                "status_changed_at": application.status_changed_at,
                "first_name": application.first_name,
                "last_name": application.last_name,
                "phone": application.phone,
                "message": application.message,
                "wished_job_families": [
                    str(family) for family in application.job_families.all()
                ],
                "wished_locations": [
                    str(place) for place in application.locations.all()
                ],
                "answers": export_answers(application.answers.all()),
                "cv": document_reference(application.cv),
                "letter": document_reference(application.letter),
                # What the candidate sees of the history: never HR's notes, and
                # messages only when HR chose to tell the candidate.
                "status_history": [
                    {
                        "status": change.get_to_status_display(),
                        "changed_at": change.changed_at,
                        "message": change.message if change.candidate_notified else "",
                        "email_subject": change.email_subject,
                    }
                    for change in application.status_changes.all()
                ],
            }
            for application in applications
        ]
    }


def erase_applications(erasing: Erasing) -> None:
    """Deletes the drafts; anonymises the sent applications (they stay with HR,
    with their history and notes) or deletes them, as
    ``ERASURE_SENT_APPLICATIONS`` says. Their e-mails are deleted."""
    account = erasing.account
    applications = Application.objects.filter(candidate=account)
    application_pks = list(applications.values_list("pk", flat=True))
    change_pks = list(
        StatusChange.objects.filter(application__in=application_pks).values_list(
            "pk", flat=True
        )
    )
    applications.filter(status=Status.DRAFT).delete()
    # The answers to the offers' questions go, even from an anonymised application.
    ApplicationAnswer.objects.filter(application__candidate=account).delete()
    sent = Application.objects.filter(candidate=account)
    if settings.ERASURE_SENT_APPLICATIONS != "delete":
        # The e-mails HR's stages sent held the candidate's name.
        StatusChange.objects.filter(pk__in=change_pks).update(
            email_subject="", email_body=""
        )
        sent_count = sent.update(
            candidate=None,
            first_name="",
            last_name="",
            phone="",
            message="",
            cv=None,
            letter=None,
            anonymised_at=timezone.now(),
        )
    else:
        sent_count = sent.count()
        sent.delete()
    erasing.facts["sent_count"] = sent_count
    # The keys of this app's e-mails (applications.emails).
    erasing.email_keys += [
        f"application-{pk}-{kind}"
        for pk in application_pks
        for kind in ("acknowledgment", "hr-notification")
    ] + [f"status-change-{pk}" for pk in change_pks]


def last_application_change() -> Expression:
    """The last change of one of the candidate's applications (a submission, a
    draft saved, a status change)."""
    return Subquery(
        Application.objects.filter(candidate=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )


APPLICATION_DATA = PersonalData(
    relations={
        "applications.Application.candidate": Relation(
            Erasure.PER_SETTING, "applications"
        ),
        "applications.Application.cv": Relation(
            Erasure.PER_SETTING,
            "applications[].cv",
            "emptied on an anonymised application; the document is deleted",
        ),
        "applications.Application.letter": Relation(
            Erasure.PER_SETTING,
            "applications[].letter",
            "emptied on an anonymised application; the document is deleted",
        ),
        "applications.StatusChange.application": Relation(
            Erasure.KEPT_WITH_APPLICATION, "applications[].status_history"
        ),
        "applications.ApplicationAnswer.application": Relation(
            Erasure.DELETED,
            "applications[].answers",
            "the answers to an offer's questions, deleted even from an "
            "anonymised application",
        ),
        "applications.Note.application": Relation(
            Erasure.KEPT_WITH_APPLICATION,
            note="HR's private notes: never exported",
        ),
        "applications.DocumentAccess.document": Relation(
            Erasure.DELETED, note="HR's access log: deleted with the document"
        ),
        "applications.DocumentAccess.application": Relation(
            Erasure.DELETED, note="HR's access log: deleted with the document"
        ),
        # Staff-side references.
        "applications.StatusChange.changed_by": staff_reference(
            "who moved the application"
        ),
        "applications.Note.author": staff_reference("the HR author of a note"),
        "applications.DocumentAccess.accessed_by": staff_reference(
            "who opened a document"
        ),
        "applications.ReviewerVisit.user": staff_reference(
            "when a member of HR last opened the applications list"
        ),
    },
    export=export_applications,
    erase=erase_applications,
    last_activity=last_application_change,
)
