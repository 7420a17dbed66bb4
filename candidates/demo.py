"""The demo users, one of each role, loaded by ``manage.py load_demo_data``
after the pages and offers: an administrator, an HR recruiter, a content editor
and a candidate with a filled account."""

import datetime

from django.contrib.auth.models import Group

from home.groups import CONTENT_EDITORS, HR_RECRUITERS

from .consent import current_agreement, record_consent
from .factories import (
    CandidateProfileFactory,
    EducationFactory,
    EmailAddressFactory,
    ExperienceFactory,
    UserFactory,
)
from .models import User

DEMO_USERS = [
    # username, password, role, first name, last name
    ("admin", "admin-demo-pass", "admin", "Ada", "Admin"),
    ("hr", "hr-demo-pass", HR_RECRUITERS, "Hugo", "Recruiter"),
    ("editor", "editor-demo-pass", CONTENT_EDITORS, "Edith", "Editor"),
    ("candidate", "candidate-demo-pass", "candidate", "Camille", "Martin"),
]


def fill_demo_candidate(user: User) -> None:
    """A verified address, the agreement accepted and a filled profile; what exists
    already is kept, so loading twice changes nothing."""
    EmailAddressFactory(user=user, email=user.email)
    agreement = current_agreement()
    if agreement is not None and not user.consents.exists():
        record_consent(user, agreement)
    profile = CandidateProfileFactory(
        user=user,
        headline="Logistics coordinator",
        phone="+33 4 72 00 00 00",
        address="12 rue de la République",
        postal_code="69002",
        city="Lyon",
        country="France",
        summary=(
            "Six years in transport planning; I am looking for a coordination role "
            "in a team that builds its own tools."
        ),
    )
    if not profile.experiences.exists():
        ExperienceFactory(
            profile=profile,
            job_title="Logistics coordinator",
            employer="Rhône Freight",
            location="Lyon",
            start_date=datetime.date(2021, 3, 1),
            end_date=None,
            description="Daily planning of deliveries for 40 drivers.",
        )
        ExperienceFactory(
            profile=profile,
            job_title="Transport planner",
            employer="Alpine Logistics",
            location="Grenoble",
            start_date=datetime.date(2018, 9, 1),
            end_date=datetime.date(2021, 2, 28),
            description="Routes and schedules for a regional fleet.",
        )
    if not profile.education.exists():
        EducationFactory(
            profile=profile,
            qualification="Bachelor's degree",
            institution="University of Lyon",
            field_of_study="Supply chain management",
            start_year=2015,
            end_year=2018,
        )


def load_demo() -> list[str]:
    """The demo users, with their demo password (given back to those that exist);
    returns the log-ins to print."""
    for username, password, role, first_name, last_name in DEMO_USERS:
        user = User.objects.filter(username=username).first() or UserFactory(
            username=username, first_name=first_name, last_name=last_name
        )
        user.set_password(password)
        user.is_superuser = user.is_staff = role == "admin"
        user.save()
        # Verified, as every address must be to log in on the site's log-in page.
        EmailAddressFactory(user=user, email=user.email)
        if role in (HR_RECRUITERS, CONTENT_EDITORS):
            user.groups.set([Group.objects.get(name=role)])
        if role == "candidate":
            fill_demo_candidate(user)
    return [
        "Demo log-ins (username / password):",
        *(
            f"  {role:<16} {username:<10} / {password}"
            for username, password, role, *_names in DEMO_USERS
        ),
    ]
