"""What the privacy tests share: a candidate with one row of every kind of data
the portal keeps, another candidate, staff, and a private storage of their own."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailConfirmation
from django.utils import timezone

from alerts.factories import JobAlertFactory
from alerts.models import AlertDelivery
from applications.choices import Status
from applications.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    DocumentFactory,
)
from applications.models import DocumentAccess, Note, StatusChange
from candidates.factories import (
    CandidateProfileFactory,
    ConsentFactory,
    EducationFactory,
    EmailAddressFactory,
    ExperienceFactory,
    SavedOfferFactory,
    UserFactory,
)
from candidates.models import Document, OptionalConsent, User
from home.factories import DataProtectionPageFactory
from home.groups import CONTENT_EDITORS, HR_RECRUITERS, ensure_staff_groups
from home.models import PortalSettings
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)

PASSWORD = "Plum-Harbour-42"
HR_NOTE = "Private: strong profile, call back."
TOLD = "We would like to meet you on Monday."


@pytest.fixture
def private_dir(settings, tmp_path) -> Path:
    """The private storage in a folder of this test's own."""
    folder = tmp_path / "private"
    folder.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": None},
        },
    }
    return folder


def stored_files(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    }


@dataclass
class Candidate:
    user: User
    cv: Document
    letter: Document
    sent: Any
    draft: Any
    alert: Any


def make_site(home_page) -> tuple[Any, Any]:
    """An offer index with two open offers, and the HR address set."""
    settings_row = PortalSettings.for_site(home_page.get_site())
    settings_row.hr_email = "hr@example.com"
    settings_row.save()
    index = OfferIndexPageFactory(parent=home_page)
    return (
        OfferPageFactory(parent=index, title="Python developer"),
        OfferPageFactory(parent=index, title="Data analyst"),
    )


def make_candidate(
    username: str, offers: tuple[Any, Any], hr: User | None = None
) -> Candidate:
    """A candidate with a row of every kind: profile, experience, education,
    consents, documents, a saved offer, a sent application (with history, an HR
    note and an access log row), a draft, an alert with its keywords and a
    delivery."""
    user = UserFactory(
        username=username,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        last_name="Doe",
        password=PASSWORD,
    )
    address = EmailAddressFactory(user=user)
    EmailConfirmation.objects.create(email_address=address, key=f"key-{username}")
    profile = CandidateProfileFactory(user=user, headline=f"Headline of {username}")
    ExperienceFactory(profile=profile, job_title=f"Job of {username}")
    EducationFactory(profile=profile, qualification=f"Degree of {username}")
    if DataProtectionPageFactory._meta.model.objects.live().exists():
        ConsentFactory(user=user)
    OptionalConsent.objects.create(
        user=user, purpose=OptionalConsent.Purpose.TALENT_POOL, granted=True
    )
    cv = DocumentFactory(owner=user, name=f"CV of {username}", filename="cv.pdf")
    letter = DocumentFactory(
        owner=user, name=f"Letter of {username}", kind=Document.Kind.LETTER
    )
    sent = ApplicationFactory(
        candidate=user,
        offer=offers[0],
        speculative=False,
        status=Status.SUBMITTED,
        cv=cv,
        letter=letter,
        phone="+33 6 11 22 33 44",
        message=f"Message of {username}",
    )
    StatusChange.objects.create(
        application=sent,
        from_status=Status.SUBMITTED,
        to_status=Status.INTERVIEW,
        changed_by=hr,
        message=TOLD,
        candidate_notified=True,
    )
    Note.objects.create(application=sent, author=hr, text=HR_NOTE)
    ApplicationAnswerFactory(application=sent, answer="no", knocked_out=True)
    DocumentAccess.objects.create(
        document=cv,
        application=sent,
        accessed_by=hr,
        accessed_by_name="HR",
        action=DocumentAccess.Action.DOWNLOAD,
    )
    draft = ApplicationFactory(
        candidate=user, offer=offers[1], speculative=False, cv=cv
    )
    alert = JobAlertFactory(
        candidate=user,
        keywords=f"python {username}",
        job_families=[JobFamilyFactory()],
        locations=[LocationFactory()],
    )
    AlertDelivery.objects.create(
        alert=alert, candidate=user, offer=offers[0], frequency=alert.frequency
    )
    SavedOfferFactory(candidate=user, offer=offers[1])
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    return Candidate(user, cv, letter, sent, draft, alert)


def ensure_staff_groups_and_rights() -> None:
    """The staff groups and HR's rights, as their migrations make them, where a
    transactional test flushed the database before."""
    from django.contrib.auth.models import Group, Permission

    ensure_staff_groups()
    Group.objects.get(name=HR_RECRUITERS).permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            codename__in=["view_application", "change_application", "view_candidates"],
        ),
        *Permission.objects.filter(
            content_type__app_label="candidates", codename="erase_candidate"
        ),
    )


def make_staff() -> tuple[User, User]:
    ensure_staff_groups_and_rights()
    hr = UserFactory(username="hr", email="hr-user@example.org", groups=[HR_RECRUITERS])
    editor = UserFactory(
        username="editor", email="editor@example.org", groups=[CONTENT_EDITORS]
    )
    return hr, editor


def read_zip(content: bytes) -> tuple[dict, dict[str, bytes]]:
    """``data.json`` and every member of an export."""
    import io

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(members["data.json"]), members
