"""The business rules of applications: saving a draft, submitting, withdrawing,
and HR's status changes and notes. Each is one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from candidates.documents import library_full_error, lock_library
from candidates.languages import current_language, supported_language
from candidates.models import CandidateProfile, Document, User
from home.storage import private_files_atomic
from offers.apply_state import ApplyState
from offers.models import OfferPage

from .answers import save_answers
from .choices import WITHDRAWABLE, Status
from .emails import (
    queue_stage_email,
    queue_status_email,
    queue_submission_emails,
    render_stage_email,
)
from .forms import ApplicationForm
from .models import ACTIVE_SPECULATIVE, Application, Note, Stage, StatusChange


class ApplicationError(Exception):
    """The action cannot be done; ``application`` is the one the candidate has."""

    def __init__(self, message: str, application: Application | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.application = application


def find_application(candidate: User, offer: OfferPage | None) -> Application | None:
    """The candidate's application to ``offer``, or active speculative one."""
    applications = Application.objects.filter(candidate=candidate).select_related(
        "offer", "cv", "letter"
    )
    if offer is not None:
        return applications.filter(offer=offer).first()
    return applications.filter(ACTIVE_SPECULATIVE).first()


def candidate_applications(candidate: User) -> QuerySet[Application]:
    """The candidate's applications as their space lists them: drafts to finish
    first, then the most recently changed, with their offers."""
    return (
        Application.objects.filter(candidate=candidate)
        .select_related("offer")
        .annotate(
            draft_rank=Case(
                When(status=Status.DRAFT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("draft_rank", "-updated_at", "-pk")
    )


def new_application(candidate: User, offer: OfferPage | None) -> Application:
    """An unsaved application prefilled from the candidate's account and profile."""
    profile = CandidateProfile.objects.filter(user=candidate).first()
    return Application(
        candidate=candidate,
        offer=offer,
        speculative=offer is None,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        phone=profile.phone if profile else "",
    )


def apply_state(candidate: User, offer: OfferPage) -> ApplyState | None:
    """What the offer's page says in place of Apply to a candidate who has an
    application to it: when they sent it, or that their draft waits (while the
    offer is open)."""
    application = (
        Application.objects.filter(candidate=candidate, offer=offer)
        .only("pk", "status", "submitted_at", "updated_at")
        .first()
    )
    if application is None:
        return None
    if application.is_draft:
        if not offer.is_open:
            return None
        return ApplyState(
            text=_("You started an application on %(date)s.")
            % {"date": _day(application.updated_at)},
            link_text=_("Finish your application"),
            url=offer.apply_url(),
            pending=True,
        )
    return ApplyState(
        text=_("You applied on %(date)s.")
        % {"date": _day(application.submitted_at or application.updated_at)},
        link_text=_("See my application"),
        url=application.get_absolute_url(),
    )


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def closed_message(offer: OfferPage) -> str:
    return _(
        "The offer “%(title)s” is closed: applications are no longer accepted. "
        "Your draft stays readable under My applications."
    ) % {"title": offer.title}


def save_application(
    candidate: User,
    offer: OfferPage | None,
    form: ApplicationForm,
    *,
    submit: bool,
    source: str = "",
) -> Application:
    """Saves the draft, and submits it when ``submit``: the application, the new
    documents, the status row, the e-mails and the names and contact details kept
    in "My profile", in one transaction (new files are removed if it fails). The
    candidate's row is locked, so a double click or two tabs never create two
    applications."""
    data = form.cleaned_data
    with private_files_atomic() as files:
        if not lock_library(candidate):
            # Erased while this request ran (the erasure holds the same lock).
            raise ApplicationError(_("Your account no longer exists."))
        application = find_application(candidate, offer)
        if application is not None and not application.is_draft:
            raise ApplicationError(
                _("You have already sent this application."), application
            )
        if offer is not None:
            offer = OfferPage.objects.get(pk=offer.pk)
            if not offer.is_open:
                raise ApplicationError(closed_message(offer), application)
        if application is None:
            application = new_application(candidate, offer)
        application.first_name = data["first_name"]
        application.last_name = data["last_name"]
        application.phone = data["phone"]
        application.message = data["message"]
        if source and not application.source:
            application.source = source
        application.cv = data.get("cv")
        application.letter = data.get("letter")
        for field, kind in (
            ("cv_upload", Document.Kind.CV),
            ("letter_upload", Document.Kind.LETTER),
        ):
            checked = data.get(field)
            if checked:
                error = library_full_error(candidate)
                if error:
                    raise ValidationError({field: error})
                setattr(application, field[:-7], checked.store(files, candidate, kind))
        if submit and application.cv is None:
            raise ValidationError(_("Choose or upload a CV."))
        application.save()
        # What the candidate changed of their names and contact details, kept
        # in "My profile" for the next application.
        CandidateProfile.keep_contact_details(candidate, data)
        save_answers(application, form.questions, data)
        if offer is None:
            application.job_families.set(data.get("job_families") or [])
            application.locations.set(data.get("locations") or [])
        if submit:
            submit_application(application, candidate)
    return application


def submit_application(application: Application, candidate: User) -> None:
    """Locks the draft as sent: status row and e-mails, in the caller's
    transaction."""
    now = timezone.now()
    application.status = Status.SUBMITTED
    application.stage = first_stage(pipeline())
    application.submitted_at = application.status_changed_at = now
    application.language = current_language()
    if application.offer_id:
        application.offer_title = application.offer.title
        application.offer_reference = application.offer.reference
    application.save()
    StatusChange.objects.create(
        application=application,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        changed_by=candidate,
        changed_at=now,
        stage=application.stage,
        stage_name=application.stage.name if application.stage else "",
    )
    queue_submission_emails(application)


def withdraw(candidate: User, pk: int) -> Application:
    """The candidate withdraws a sent application of theirs."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .filter(candidate=candidate, pk=pk)
            .first()
        )
        if application is None:
            raise Application.DoesNotExist
        if application.status not in WITHDRAWABLE:
            raise ApplicationError(
                _("This application cannot be withdrawn any more."), application
            )
        _move(application, Status.WITHDRAWN, candidate, "")
    return application


def _move(
    application: Application,
    status: str,
    by: User,
    message: str,
    stage: Stage | None = None,
) -> StatusChange:
    now = timezone.now()
    change = StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=status,
        changed_by=by,
        changed_at=now,
        message=message,
        stage=stage,
        stage_name=stage.name if stage else "",
    )
    application.status = status
    application.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if stage is not None:
        application.stage = stage
        fields.append("stage")
    application.save(update_fields=fields)
    return change


def pipeline() -> list[Stage]:
    """HR's stages, in order."""
    return list(Stage.objects.pipeline())


def first_stage(stages: list[Stage]) -> Stage | None:
    """Where a sent application starts: the first stage showing "received"."""
    received = [stage for stage in stages if stage.public_status == Status.SUBMITTED]
    return (received or stages or [None])[0]


def next_stage(application: Application, stages: list[Stage]) -> Stage | None:
    """The stage after the application's, never one before it: None at a final
    stage or at the end of the pipeline."""
    if application.stage_id is None:
        start = first_stage(stages)
        if start is None or application.status != Status.SUBMITTED:
            return start
        current = stages.index(start)
    else:
        ids = [stage.pk for stage in stages]
        if application.stage_id not in ids:
            return None
        current = ids.index(application.stage_id)
        if stages[current].is_terminal:
            return None
    following = stages[current + 1 :]
    return following[0] if following else None


def move_to_stage(
    application: Application,
    stage: Stage,
    by: User,
    *,
    notify: bool,
    message: str = "",
) -> StatusChange:
    """HR moves an application to a stage: its public status follows, and the
    candidate is told with the stage's e-mail when HR chooses so (the e-mail is
    recorded in the history and queued in the outbox, in the same transaction)."""
    with transaction.atomic():
        # Locks the application's row only: its candidate and offer may be empty.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("candidate", "offer")
            .get(pk=application.pk)
        )
        if application.is_draft:
            raise ApplicationError(_("A draft cannot change stage."), application)
        if application.status == Status.WITHDRAWN:
            raise ApplicationError(
                _("The candidate withdrew this application."), application
            )
        if application.stage_id == stage.pk:
            raise ApplicationError(
                _("The application is already at this stage."), application
            )
        change = _move(application, stage.public_status, by, message, stage)
        if notify and application.candidate_id:
            change.candidate_notified = True
            change.save(update_fields=["candidate_notified"])
            if stage.has_email:
                queue_stage_email(change)
            else:
                queue_status_email(change)
    return change


def stage_email_subject(application: Application, stage: Stage) -> str:
    """The subject of the e-mail the candidate would receive on entering
    ``stage``, in their language ("" for a stage without e-mail)."""
    if not stage.has_email:
        return ""
    language = application.candidate.language if application.candidate_id else ""
    with translation.override(supported_language(language)):
        return render_stage_email(application, stage)["subject"]


def move_many(
    applications: list[Application], stage: Stage, by: User, *, notify: bool
) -> tuple[int, list[str]]:
    """Moves each application to ``stage`` (each in its own transaction: one that
    cannot move does not hold back the others); returns how many moved and why
    the others did not."""
    moved, refused = 0, []
    for application in applications:
        try:
            move_to_stage(application, stage, by, notify=notify)
        except ApplicationError as error:
            refused.append(f"{application.candidate_name}: {error.message}")
        else:
            moved += 1
    return moved, refused


def add_note(application: Application, author: User, text: str) -> Note:
    return Note.objects.create(application=application, author=author, text=text)
