"""The demo candidate's account content, loaded by ``manage.py load_demo_data``."""

import datetime

from .consent import current_agreement, record_consent
from .factories import (
    CandidateProfileFactory,
    EducationFactory,
    EmailAddressFactory,
    ExperienceFactory,
)
from .models import User


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
