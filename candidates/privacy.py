"""A candidate's rights over their data: the registry of what the portal stores
about a candidate, "Download my data" (a zip), erasure (by the candidate, by HR or
for inactivity) and the retention purge.

This module reaches into the apps below ``candidates`` (applications, alerts):
it imports them inside its functions, so that ``candidates`` itself never
depends on them at import time.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from home.storage import STORAGE_ERRORS, StorageUnavailable, private_storage

from .models import (
    CandidateProfile,
    Consent,
    Document,
    OptionalConsent,
    User,
)

logger = logging.getLogger(__name__)

# Days between the warning e-mail and the erasure of an inactive account.
WARNING_DAYS = 30
# Exports held in memory up to this size, then in a temporary file.
EXPORT_SPOOL_SIZE = 8 * 1024 * 1024
EXPORT_CHUNK = 1024 * 1024
EXPORT_FORMAT = 1


# --- The registry of candidate data -------------------------------------------------


class Erasure(enum.Enum):
    """What ``erase_candidate`` does with the rows behind a relation."""

    DELETED = "deleted"
    # Sent applications: anonymised or deleted, as ERASURE_SENT_APPLICATIONS says
    # (drafts are always deleted).
    PER_SETTING = "anonymised or deleted per ERASURE_SENT_APPLICATIONS"
    # Kept with an anonymised application (the candidate is no longer named on it),
    # deleted with a deleted one.
    KEPT_WITH_APPLICATION = "kept with the anonymised application, else deleted"
    # A reference to a member of staff, not data about a candidate: the column is
    # emptied or the row deleted by its ``on_delete`` when the account goes.
    NOT_CANDIDATE_DATA = "not candidate data"


@dataclass(frozen=True)
class Relation:
    """How the rows behind one relation are exported and erased. ``export`` is
    where ``data.json`` holds them ("" when they are not exported, with the reason
    in ``note``)."""

    erasure: Erasure
    export: str = ""
    note: str = ""

    @property
    def is_candidate_data(self) -> bool:
        return self.erasure is not Erasure.NOT_CANDIDATE_DATA


def _staff(note: str) -> Relation:
    return Relation(Erasure.NOT_CANDIDATE_DATA, note=note)


_WAGTAIL = "Wagtail's admin, used by staff only"

# Every relation ("app_label.Model.field") to the user model or to a model of
# candidate data. tests/candidates/test_privacy_registry.py fails when a model
# gains one that is not listed here.
CANDIDATE_DATA: dict[str, Relation] = {
    "candidates.CandidateProfile.user": Relation(Erasure.DELETED, "profile"),
    "candidates.Experience.profile": Relation(Erasure.DELETED, "experience"),
    "candidates.Education.profile": Relation(Erasure.DELETED, "education"),
    "candidates.Consent.user": Relation(Erasure.DELETED, "consents"),
    "candidates.OptionalConsent.user": Relation(Erasure.DELETED, "optional_consents"),
    "candidates.Document.owner": Relation(
        Erasure.DELETED,
        "documents",
        "the rows and, once the transaction commits, the stored files",
    ),
    "applications.Application.candidate": Relation(Erasure.PER_SETTING, "applications"),
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
    "alerts.JobAlert.candidate": Relation(Erasure.DELETED, "alerts"),
    "alerts.AlertKeyword.alert": Relation(
        Erasure.DELETED, "alerts[].keywords", "derived from the alert's keywords"
    ),
    "alerts.AlertDelivery.alert": Relation(Erasure.DELETED, "alert_deliveries"),
    "alerts.AlertDelivery.candidate": Relation(Erasure.DELETED, "alert_deliveries"),
    "account.EmailAddress.user": Relation(Erasure.DELETED, "account.email_addresses"),
    "account.EmailConfirmation.email_address": Relation(
        Erasure.DELETED, note="a pending verification link: deleted with the address"
    ),
    # Staff-side references.
    "applications.StatusChange.changed_by": _staff("who moved the application"),
    "applications.Note.author": _staff("the HR author of a note"),
    "applications.DocumentAccess.accessed_by": _staff("who opened a document"),
    "applications.ReviewerVisit.user": _staff(
        "when a member of HR last opened the applications list"
    ),
    "wagtailusers.UserProfile.user": _staff(_WAGTAIL + ": admin preferences"),
    "wagtaildocs.Document.uploaded_by_user": _staff(_WAGTAIL),
    "wagtailimages.Image.uploaded_by_user": _staff(_WAGTAIL),
    "wagtailadmin.EditingSession.user": _staff(_WAGTAIL),
    "wagtailadmin.FormState.user": _staff(_WAGTAIL),
    "wagtailcore.APIToken.user": _staff(_WAGTAIL),
    "wagtailcore.ModelLogEntry.user": _staff(_WAGTAIL + ": audit log"),
    "wagtailcore.PageLogEntry.user": _staff(_WAGTAIL + ": audit log"),
    "wagtailcore.Revision.user": _staff(_WAGTAIL),
    "wagtailcore.UploadedFile.uploaded_by_user": _staff(_WAGTAIL),
    "wagtailcore.WorkflowState.requested_by": _staff(_WAGTAIL),
    "wagtailcore.TaskState.finished_by": _staff(_WAGTAIL),
    "wagtailcore.Page.locked_by": _staff(_WAGTAIL),
    "wagtailcore.Page.owner": _staff(_WAGTAIL),
    "wagtailcore.Comment.user": _staff(_WAGTAIL),
    "wagtailcore.Comment.resolved_by": _staff(_WAGTAIL),
    "wagtailcore.CommentReply.user": _staff(_WAGTAIL),
    "wagtailcore.PageSubscription.user": _staff(_WAGTAIL),
}

# What holds candidate data without a relation to it, and what erasure does.
OTHER_STORES: dict[str, str] = {
    "stored files": "the documents' files, deleted once the erasure commits "
    "(home.storage.schedule_deletion; failures retried by retry_deletions)",
    "sessions": "every session of the account, deleted",
    "axes records": "failed log-ins under the username or address, deleted",
    "outgoing e-mails": "e-mails about the candidate's applications and e-mails "
    "addressed to them, deleted; the erasure confirmation keeps the address "
    "until purge_inactive_candidates forgets it once sent",
}


# --- Who is a candidate --------------------------------------------------------------


def candidate_accounts() -> QuerySet[User]:
    """Accounts of candidates: never staff, superusers, nor members of a group or
    holders of a permission (HR recruiters, content editors...)."""
    return User.objects.filter(
        is_staff=False,
        is_superuser=False,
        groups__isnull=True,
        user_permissions__isnull=True,
    )


def is_candidate(user: User) -> bool:
    return user.is_authenticated and candidate_accounts().filter(pk=user.pk).exists()


# --- E-mails -------------------------------------------------------------------------


def queue_email(key: str, to: str, template: str, context: dict[str, Any]) -> None:
    """Writes ``emails/candidates/<template>`` as an outgoing e-mail under ``key``
    (once), in the current transaction; it is sent after the commit."""
    from applications.models import OutgoingEmail
    from applications.tasks import deliver_email

    from .emails import organisation_name, site_url

    if not to or OutgoingEmail.objects.filter(key=key).exists():
        return
    context = {
        "email": to,
        "organisation_name": organisation_name(),
        "site_url": site_url("/"),
        "login_url": site_url(reverse("account_login")),
        **context,
    }
    prefix = f"emails/candidates/{template}"
    email = OutgoingEmail.objects.create(
        key=key,
        to=[to],
        subject=" ".join(render_to_string(f"{prefix}_subject.txt", context).split()),
        body=render_to_string(f"{prefix}.txt", context),
        html=render_to_string(f"{prefix}.html", context),
        message_id=make_msgid(domain=DNS_NAME),
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email_id=email.pk))


# --- Export --------------------------------------------------------------------------


def _document_member(document: Document) -> str:
    """The document's name in the zip: its id and a slug of its file name (no
    path, no dot but the extension's), so names are safe and unique."""
    from .documents import FILE_TYPES

    stem = slugify(PurePosixPath(document.filename).stem)[:60] or "document"
    extension = FILE_TYPES.get(document.file_type, ("bin",))[0]
    return f"documents/{document.pk}-{stem}.{extension}"


def _document_ref(document: Document | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {"name": document.name, "file": _document_member(document)}


def _applications_data(user: User) -> list[dict[str, Any]]:
    from applications.models import Application

    applications = (
        Application.objects.filter(candidate=user)
        .select_related("offer", "cv", "letter")
        .prefetch_related("job_families", "locations", "status_changes")
        .order_by("created_at", "pk")
    )
    return [
        {
            "title": application.title,
            "offer_reference": application.reference,
            "speculative": application.speculative,
            "status": application.candidate_status,
            "started_at": application.created_at,
            "sent_at": application.submitted_at,
            "updated_at": application.updated_at,
            "status_changed_at": application.status_changed_at,
            "first_name": application.first_name,
            "last_name": application.last_name,
            "phone": application.phone,
            "message": application.message,
            "wished_job_families": [str(f) for f in application.job_families.all()],
            "wished_locations": [str(place) for place in application.locations.all()],
            "cv": _document_ref(application.cv),
            "letter": _document_ref(application.letter),
            # What the candidate sees of the history: never HR's notes, and
            # messages only when HR chose to tell the candidate.
            "status_history": [
                {
                    "status": change.get_to_status_display(),
                    "changed_at": change.changed_at,
                    "message": change.message if change.candidate_notified else "",
                }
                for change in application.status_changes.all()
            ],
        }
        for application in applications
    ]


def _alerts_data(user: User) -> tuple[list[dict], list[dict]]:
    from alerts.models import AlertDelivery, JobAlert

    alerts = (
        JobAlert.objects.filter(candidate=user)
        .prefetch_related("job_families", "locations")
        .order_by("created_at", "pk")
    )
    deliveries = (
        AlertDelivery.objects.filter(candidate=user)
        .select_related("offer")
        .order_by("sent_at", "pk")
    )
    return (
        [
            {
                "active": alert.active,
                "keywords": alert.keywords,
                "job_families": [str(f) for f in alert.job_families.all()],
                "locations": [str(place) for place in alert.locations.all()],
                "contract_types": alert.contract_type_labels,
                "remote_work": alert.remote_policy_labels,
                "frequency": alert.get_frequency_display(),
                "created_at": alert.created_at,
                "updated_at": alert.updated_at,
            }
            for alert in alerts
        ],
        [
            {
                "offer": delivery.offer.title,
                "sent": delivery.get_frequency_display(),
                "sent_at": delivery.sent_at,
            }
            for delivery in deliveries
        ],
    )


def export_data(user: User) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, as ``data.json`` holds it."""
    from allauth.account.models import EmailAddress

    profile = (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related("experiences", "education")
        .first()
    )
    alerts, deliveries = _alerts_data(user)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {
                    "email": address.email,
                    "verified": address.verified,
                    "primary": address.primary,
                }
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "profile": None
        if profile is None
        else {
            "headline": profile.headline,
            "phone": profile.phone,
            "address": profile.address,
            "postal_code": profile.postal_code,
            "city": profile.city,
            "country": profile.country,
            "website": profile.website,
            "summary": profile.summary,
            "updated_at": profile.updated_at,
        },
        "experience": []
        if profile is None
        else [
            {
                "job_title": entry.job_title,
                "employer": entry.employer,
                "location": entry.location,
                "start_date": entry.start_date,
                "end_date": entry.end_date,
                "description": entry.description,
            }
            for entry in profile.experiences.all()
        ],
        "education": []
        if profile is None
        else [
            {
                "qualification": entry.qualification,
                "institution": entry.institution,
                "field_of_study": entry.field_of_study,
                "start_year": entry.start_year,
                "end_year": entry.end_year,
                "description": entry.description,
            }
            for entry in profile.education.all()
        ],
        "applications": _applications_data(user),
        "alerts": alerts,
        "alert_deliveries": deliveries,
        "consents": [
            {
                "agreement": consent.revision.object_str,
                "version": consent.revision_id,
                "version_published_at": consent.revision.created_at,
                "accepted_at": consent.accepted_at,
            }
            for consent in Consent.objects.filter(user=user)
            .select_related("revision")
            .order_by("accepted_at", "pk")
        ],
        "optional_consents": [
            {
                "purpose": consent.get_purpose_display(),
                "granted": consent.granted,
                "answered_at": consent.answered_at,
            }
            for consent in OptionalConsent.objects.filter(user=user).order_by(
                "answered_at", "pk"
            )
        ],
        "documents": [
            {
                "name": document.name,
                "kind": document.get_kind_display(),
                "file_name": document.filename,
                "file_type": document.file_type,
                "size": document.size,
                "uploaded_at": document.uploaded_at,
                "file": _document_member(document),
            }
            for document in Document.objects.filter(owner=user).order_by(
                "uploaded_at", "pk"
            )
        ],
    }


def build_export(user: User) -> IO[bytes]:
    """The zip of "Download my data", rewound: ``data.json`` and the documents'
    files, in a temporary file (memory up to a few megabytes, then disk).
    Raises ``StorageUnavailable`` when the storage cannot be read."""
    data = export_data(user)
    keys = {
        _document_member(document): document.key
        for document in Document.objects.filter(owner=user)
    }
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_SIZE)  # noqa: SIM115
    try:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            storage = private_storage()
            for entry in data["documents"]:
                key = keys.get(entry["file"])
                try:
                    if key is None:  # deleted while the export was being built
                        raise FileNotFoundError(entry["file"])
                    with storage.open(key, "rb") as source:
                        # Read before the member is added: a missing S3 object
                        # only fails here.
                        chunk = source.read(EXPORT_CHUNK)
                        with archive.open(entry["file"], "w") as target:
                            target.write(chunk)
                            shutil.copyfileobj(source, target, EXPORT_CHUNK)
                except FileNotFoundError:
                    entry["file"] = None
            archive.writestr(
                "data.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
    except STORAGE_ERRORS as exc:
        spool.close()
        logger.warning("Storage unavailable while exporting: %s", exc)
        raise StorageUnavailable from exc
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def export_filename() -> str:
    return f"my-data-{timezone.localdate():%Y-%m-%d}.zip"


# --- Erasure -------------------------------------------------------------------------


class ErasureReason(models.TextChoices):
    SELF = "self"
    HR = "hr"
    INACTIVITY = "inactivity"


class NotACandidate(Exception):
    """Staff accounts are managed by administrators, never erased here."""


def _session_keys_of(user_pk: int) -> list[str]:
    """The keys of the live sessions logged in as ``user_pk`` (database-backed
    session engines; others cannot be listed, and a session of a deleted account
    logs nobody in anyway)."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return []
    store = store_class()
    keys = []
    rows = (
        store_class.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
    )
    for key, data in rows.iterator():
        if str(store.decode(data).get("_auth_user_id")) == str(user_pk):
            keys.append(key)
    return keys


def _delete_sessions(keys: list[str]) -> None:
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store_class(session_key=key).delete()


def _delete_outgoing_emails(
    application_pks: list[int], change_pks: list[int], addresses: set[str]
) -> None:
    """E-mails about the candidate's applications or addressed to them (their keys
    are those of ``applications.emails``)."""
    from applications.models import OutgoingEmail

    keys = [
        f"application-{pk}-{kind}"
        for pk in application_pks
        for kind in ("acknowledgment", "hr-notification")
    ] + [f"status-change-{pk}" for pk in change_pks]
    condition = Q(key__in=keys)
    for address in addresses:
        # The JSON text of the recipients holds the address between quotes.
        condition |= Q(to__icontains=json.dumps(address))
    OutgoingEmail.objects.filter(condition).delete()


def _delete_axes_records(names: set[str]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    condition = Q()
    for name in names:
        condition |= Q(username__iexact=name)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(condition).delete()


def erase_candidate(
    user: User,
    *,
    by: User | None = None,
    reason: str = ErasureReason.SELF,
) -> bool:
    """Erases a candidate's account and data, in one transaction that first locks
    the account's row (as a submission does): a racing submission either commits
    before and is erased with the rest, or finds the account gone.

    Drafts, documents (files after the commit), alerts, consents, profile,
    addresses, sessions and axes records go; sent applications are anonymised or
    deleted per ``ERASURE_SENT_APPLICATIONS``. The confirmation e-mail is queued in
    the same transaction. Returns False when the account was already gone; raises
    ``NotACandidate`` for a staff account.
    """
    from allauth.account.models import EmailAddress

    from alerts.models import AlertDelivery, JobAlert
    from applications.choices import Status
    from applications.models import Application, StatusChange

    with transaction.atomic():
        account = User.objects.select_for_update().filter(pk=user.pk).first()
        if account is None:
            return False
        if not candidate_accounts().filter(pk=account.pk).exists():
            raise NotACandidate
        pk, email, username = account.pk, account.email, account.username
        addresses = {email.lower()} | {
            address.lower()
            for address in EmailAddress.objects.filter(user=account).values_list(
                "email", flat=True
            )
        }
        applications = Application.objects.filter(candidate=account)
        application_pks = list(applications.values_list("pk", flat=True))
        change_pks = list(
            StatusChange.objects.filter(application__in=application_pks).values_list(
                "pk", flat=True
            )
        )
        applications.filter(status=Status.DRAFT).delete()
        sent = Application.objects.filter(candidate=account)
        anonymise = settings.ERASURE_SENT_APPLICATIONS != "delete"
        if anonymise:
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
        _delete_outgoing_emails(application_pks, change_pks, addresses)
        # Each deletion schedules its stored file's (candidates.signals).
        Document.objects.filter(owner=account).delete()
        JobAlert.objects.filter(candidate=account).delete()
        AlertDelivery.objects.filter(candidate=account).delete()
        Consent.objects.filter(user=account).delete()
        OptionalConsent.objects.filter(user=account).delete()
        CandidateProfile.objects.filter(user=account).delete()
        EmailAddress.objects.filter(user=account).delete()
        _delete_axes_records({username} | addresses)
        # An account unused for the whole retention period has no live session
        # (sessions last hours or weeks): no need to read every session then.
        session_keys = (
            [] if reason == ErasureReason.INACTIVITY else _session_keys_of(pk)
        )
        account.delete()
        transaction.on_commit(lambda: _delete_sessions(session_keys))
        queue_email(
            f"account-erased-{pk}",
            email,
            "account_erased",
            {
                "reason": reason,
                "sent_count": sent_count,
                "anonymised": anonymise,
                "retention_months": settings.CANDIDATE_RETENTION_MONTHS,
            },
        )
    logger.info(
        "Candidate account %s erased (%s)%s; %d sent application(s) %s.",
        pk,
        reason,
        f" by staff user {by.pk}" if by is not None else "",
        sent_count,
        "anonymised" if anonymise else "deleted",
    )
    return True


# --- Retention -----------------------------------------------------------------------


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` months earlier (the month's last day when
    that month is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def with_last_activity(queryset: QuerySet[User]) -> QuerySet[User]:
    """Annotates ``last_activity``: the latest of the last log-in, the sign-up and
    the last change of one of the account's applications (a submission, a draft
    saved, a status change)."""
    from applications.models import Application

    latest_application = Subquery(
        Application.objects.filter(candidate=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    return queryset.annotate(
        last_activity=Greatest(
            Coalesce("last_login", "date_joined"),
            Coalesce(latest_application, "date_joined"),
        )
    )


@dataclass
class PurgeResult:
    """What a run of the purge did, or would do with ``dry_run``."""

    warned: list[int] = field(default_factory=list)
    erased: list[int] = field(default_factory=list)
    cleared: list[int] = field(default_factory=list)
    forgotten_emails: int = 0


def _purge_sets(now: datetime.datetime) -> dict[str, QuerySet[User]]:
    """The accounts to clear (active again since their warning), to erase (warned
    long enough ago and still inactive) and to warn, at ``now``."""
    retention_cutoff = months_before(now, settings.CANDIDATE_RETENTION_MONTHS)
    warn_cutoff = retention_cutoff + datetime.timedelta(days=WARNING_DAYS)
    accounts = with_last_activity(candidate_accounts())
    return {
        "cleared": accounts.filter(
            inactivity_warned_at__isnull=False,
            last_activity__gt=models.F("inactivity_warned_at"),
        ),
        "erased": accounts.filter(
            inactivity_warned_at__lte=now - datetime.timedelta(days=WARNING_DAYS),
            last_activity__lte=models.F("inactivity_warned_at"),
            last_activity__lt=warn_cutoff,
        ),
        "warned": accounts.filter(
            inactivity_warned_at__isnull=True, last_activity__lt=warn_cutoff
        ).exclude(email=""),
    }


def _locked_if(queryset: QuerySet[User], pk: int) -> User | None:
    """The account, locked, if it still belongs to ``queryset``."""
    if User.objects.select_for_update().filter(pk=pk).first() is None:
        return None
    return queryset.filter(pk=pk).first()


def purge_inactive_candidates(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> PurgeResult:
    """One run of the retention purge (cron-friendly, idempotent): clears the
    warning of accounts used again, erases the accounts warned at least 30 days
    ago and inactive since, warns the accounts inactive for the retention period
    minus 30 days, and forgets the erasure confirmations already sent."""
    from applications.models import OutgoingEmail

    now = now or timezone.now()
    sets = _purge_sets(now)
    result = PurgeResult()
    sent_confirmations = OutgoingEmail.objects.filter(
        key__startswith="account-erased-", sent_at__isnull=False
    )
    if dry_run:
        result.cleared = list(sets["cleared"].values_list("pk", flat=True))
        result.erased = list(sets["erased"].values_list("pk", flat=True))
        result.warned = list(sets["warned"].values_list("pk", flat=True))
        result.forgotten_emails = sent_confirmations.count()
        return result

    for pk in list(sets["cleared"].values_list("pk", flat=True)):
        with transaction.atomic():
            if _locked_if(sets["cleared"], pk):
                User.objects.filter(pk=pk).update(inactivity_warned_at=None)
                result.cleared.append(pk)
    for pk in list(sets["erased"].values_list("pk", flat=True)):
        with transaction.atomic():
            account = _locked_if(sets["erased"], pk)
            if account and erase_candidate(account, reason=ErasureReason.INACTIVITY):
                result.erased.append(pk)
    erase_on = now + datetime.timedelta(days=WARNING_DAYS)
    for pk in list(sets["warned"].values_list("pk", flat=True)):
        with transaction.atomic():
            account = _locked_if(sets["warned"], pk)
            if account is None:
                continue
            User.objects.filter(pk=pk).update(inactivity_warned_at=now)
            queue_email(
                f"inactivity-warning-{pk}-{now:%Y%m%d}",
                account.email,
                "inactivity_warning",
                {
                    "user": account,
                    "erase_on": erase_on,
                    "retention_months": settings.CANDIDATE_RETENTION_MONTHS,
                },
            )
            result.warned.append(pk)
    result.forgotten_emails, _deleted = sent_confirmations.delete()
    return result


def clear_inactivity_warning(user: User) -> None:
    """A log-in keeps the account: the warning of erasure no longer holds."""
    if user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
