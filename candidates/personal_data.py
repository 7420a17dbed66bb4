"""How an app declares the candidate data it keeps, and the declaration of this
app's own (accounts, profiles, consents, documents).

Each app that keeps data about candidates registers a ``register_personal_data``
hook in its ``wagtail_hooks.py``: a function without arguments that returns a
``PersonalData``. The ``privacy`` app collects them to export ("Download my data")
and erase an account, and never names the apps that declare them. The vocabulary
lives here, in the lowest app keeping candidate data, so that every app keeping
some can use it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Expression
from django.utils.text import slugify

from .models import (
    CandidateProfile,
    Consent,
    Document,
    OptionalConsent,
    SavedOffer,
    User,
)

PERSONAL_DATA_HOOK = "register_personal_data"


class Erasure(enum.Enum):
    """What the erasure of an account does with the rows behind a relation."""

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


def staff_reference(note: str) -> Relation:
    """A relation to a member of staff (who did something), not candidate data."""
    return Relation(Erasure.NOT_CANDIDATE_DATA, note=note)


@dataclass
class Erasing:
    """An erasure under way, as each app's ``erase`` gets it: the account, locked
    in the erasure's transaction, its e-mail addresses (lower case) and why it goes.

    ``erase`` adds the keys of the outgoing e-mails about the candidate to
    ``email_keys`` (they are deleted with those sent to ``addresses``) and what the
    confirmation e-mail tells to ``facts`` (``sent_count``: the applications sent).
    """

    account: User
    addresses: set[str]
    reason: str
    email_keys: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)


# An entry of data.json whose "file" names a member of the zip, and the key of that
# file in the private storage (None when it is gone).
ExportedFile = tuple[dict[str, Any], str | None]


@dataclass(frozen=True)
class PersonalData:
    """What one app keeps about candidates, as it declares it to ``privacy``.

    - ``relations``: every relation ("app_label.Model.field") of the app's models to
      the user model or to a model of candidate data, and what becomes of its rows;
    - ``export(user)``: the app's sections of ``data.json``;
    - ``export_files(user, data)``: the files the zip holds, each with the entry of
      ``data`` naming it (its "file" is emptied when the file is missing);
    - ``erase(erasing)``: deletes or anonymises the app's rows of the account, in
      the erasure's transaction. Apps erase in the reverse order of
      ``INSTALLED_APPS``: rows that point at a lower app's rows go first;
    - ``last_activity()``: the latest moment the candidate acted in the app, as a
      subquery on the user's ``OuterRef("pk")`` (the retention purge counts it).
    """

    relations: Mapping[str, Relation]
    export: Callable[[User], dict[str, Any]] | None = None
    export_files: Callable[[User, dict[str, Any]], Iterable[ExportedFile]] | None = None
    erase: Callable[[Erasing], None] | None = None
    last_activity: Callable[[], Expression] | None = None


# --- The data of this app ------------------------------------------------------------


def document_member(document: Document) -> str:
    """The document's name in the zip: its id and a slug of its file name (no
    path, no dot but the extension's), so names are safe and unique."""
    from .documents import FILE_TYPES

    stem = slugify(PurePosixPath(document.filename).stem)[:60] or "document"
    extension = FILE_TYPES.get(document.file_type, ("bin",))[0]
    return f"documents/{document.pk}-{stem}.{extension}"


def document_reference(document: Document | None) -> dict[str, Any] | None:
    """How an entry of ``data.json`` points at a document of the zip."""
    if document is None:
        return None
    return {"name": document.name, "file": document_member(document)}


def export_candidate(user: User) -> dict[str, Any]:
    """The account, profile, consents and documents, as ``data.json`` holds them."""
    profile = (
        CandidateProfile.objects.filter(user=user)
        .prefetch_related("experiences", "education")
        .first()
    )
    return {
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
        "consents": [
            {
                "agreement": consent.revision.object_str,
                "version": consent.revision_id,
                "language": consent.get_language_display(),
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
                "file": document_member(document),
            }
            for document in Document.objects.filter(owner=user).order_by(
                "uploaded_at", "pk"
            )
        ],
        "saved_offers": [
            {
                "offer": saved.offer.title,
                "offer_reference": saved.offer.reference,
                "saved_at": saved.saved_at,
            }
            for saved in SavedOffer.objects.filter(candidate=user)
            .select_related("offer")
            .order_by("saved_at", "pk")
        ],
    }


def export_document_files(user: User, data: dict[str, Any]) -> list[ExportedFile]:
    """The file of each document ``data`` lists (None for one deleted since)."""
    keys = {
        document_member(document): document.key
        for document in Document.objects.filter(owner=user)
    }
    return [(entry, keys.get(entry["file"])) for entry in data["documents"]]


def erase_candidate_data(erasing: Erasing) -> None:
    """Deletes the documents (their files go once the erasure commits:
    ``candidates.signals``), consents, profile, saved offers and e-mail
    addresses."""
    account = erasing.account
    SavedOffer.objects.filter(candidate=account).delete()
    Document.objects.filter(owner=account).delete()
    Consent.objects.filter(user=account).delete()
    OptionalConsent.objects.filter(user=account).delete()
    CandidateProfile.objects.filter(user=account).delete()
    EmailAddress.objects.filter(user=account).delete()


CANDIDATE_DATA = PersonalData(
    relations={
        "candidates.CandidateProfile.user": Relation(Erasure.DELETED, "profile"),
        "candidates.Experience.profile": Relation(Erasure.DELETED, "experience"),
        "candidates.Education.profile": Relation(Erasure.DELETED, "education"),
        "candidates.Consent.user": Relation(Erasure.DELETED, "consents"),
        "candidates.OptionalConsent.user": Relation(
            Erasure.DELETED, "optional_consents"
        ),
        "candidates.Document.owner": Relation(
            Erasure.DELETED,
            "documents",
            "the rows and, once the transaction commits, the stored files",
        ),
        "candidates.SavedOffer.candidate": Relation(Erasure.DELETED, "saved_offers"),
        # The addresses of the accounts (allauth, set up by this app).
        "account.EmailAddress.user": Relation(
            Erasure.DELETED, "account.email_addresses"
        ),
        "account.EmailConfirmation.email_address": Relation(
            Erasure.DELETED,
            note="a pending verification link: deleted with the address",
        ),
    },
    export=export_candidate,
    export_files=export_document_files,
    erase=erase_candidate_data,
)
