"""The demo offers, loaded by ``manage.py load_demo_data`` after the pages: the
offer index under the home page, job families, places and offers (a few closed)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage

from .choices import ExperienceLevel, SalaryPeriod, WorkingTime
from .demo_fr import (
    load_french_employer_pages,
    load_french_home_sections,
    load_french_offers,
)
from .demo_pages import load_home_sections, load_places, load_teams
from .demo_texts import JOBS, offer_sections
from .factories import JobFamilyFactory, OfferIndexPageFactory, OfferPageFactory
from .models import (
    JobFamily,
    Location,
    OfferIndexPage,
    OfferPage,
    OfferTemplate,
    QuestionSet,
)

SEED = 2026

# Demo offers: their places, then (title, family, cities, contract, remote work,
# salary (min, max) or None).
LOCATIONS = [
    # city, region, postal code, country, code
    ("Lyon", "Auvergne-Rhône-Alpes", "69002", "France", "FR"),
    ("Paris", "Île-de-France", "75010", "France", "FR"),
    ("Nantes", "Pays de la Loire", "44000", "France", "FR"),
    ("Lille", "Hauts-de-France", "59000", "France", "FR"),
    ("Toulouse", "Occitanie", "31000", "France", "FR"),
    ("Brussels", "Brussels-Capital", "1000", "Belgium", "BE"),
    ("Barcelona", "Catalonia", "08001", "Spain", "ES"),
    ("Rotterdam", "South Holland", "3011", "Netherlands", "NL"),
]
# fmt: off
OFFERS = [
    ("Backend developer (Python)", "Engineering", "Lyon", "permanent", "hybrid",
     (48000, 60000)),
    ("Frontend developer", "Engineering", "Lyon Paris", "permanent", "hybrid",
     (45000, 56000)),
    ("Site reliability engineer", "Engineering", "", "permanent", "full_remote",
     (55000, 70000)),
    ("Data analyst", "Data", "Paris", "fixed_term", "hybrid", (42000, 50000)),
    ("Product designer", "Design", "Nantes", "permanent", "hybrid", None),
    ("HR business partner", "Human resources", "Lyon", "permanent", "on_site",
     (50000, 58000)),
    ("Payroll specialist", "Finance", "Lille", "permanent", "on_site", None),
    ("Management controller", "Finance", "Paris", "permanent", "hybrid",
     (52000, 62000)),
    ("Customer success manager", "Sales", "Brussels", "permanent", "hybrid", None),
    ("Account executive", "Sales", "Barcelona", "permanent", "on_site",
     (40000, 65000)),
    ("Logistics coordinator", "Operations", "Rotterdam", "permanent", "on_site",
     (38000, 44000)),
    ("Maintenance technician", "Operations", "Toulouse", "permanent", "on_site",
     (30000, 36000)),
    ("Mobile developer (Kotlin)", "Engineering", "Nantes", "permanent", "hybrid",
     (46000, 57000)),
    ("Software engineering intern", "Engineering", "Lyon", "internship", "on_site",
     (1400, 1400)),
    ("QA engineer", "Engineering", "Lille", "fixed_term", "hybrid", None),
    ("Security engineer", "Engineering", "Paris", "permanent", "hybrid",
     (60000, 75000)),
    ("Embedded software developer", "Engineering", "Toulouse", "permanent",
     "on_site", None),
    ("Freelance Django developer", "Engineering", "", "freelance", "full_remote",
     (450, 600)),
    ("Data engineer", "Data", "Lyon Barcelona", "permanent", "hybrid",
     (50000, 62000)),
    ("Machine learning engineer", "Data", "Paris", "permanent", "hybrid",
     (58000, 72000)),
    ("Data science apprentice", "Data", "Lille", "apprenticeship", "on_site", None),
    ("Business intelligence developer", "Data", "", "fixed_term", "full_remote",
     None),
    ("UX researcher", "Design", "Paris", "fixed_term", "hybrid", None),
    ("Graphic designer", "Design", "Barcelona", "freelance", "full_remote", None),
    ("UI design intern", "Design", "Nantes", "internship", "on_site", None),
    ("Talent acquisition specialist", "Human resources", "Paris Lyon", "permanent",
     "hybrid", (40000, 48000)),
    ("HR assistant", "Human resources", "Lille", "apprenticeship", "on_site", None),
    ("Training coordinator", "Human resources", "Brussels", "temporary", "on_site",
     None),
    ("Accountant", "Finance", "Lyon", "permanent", "on_site", (36000, 42000)),
    ("Financial analyst", "Finance", "Rotterdam", "fixed_term", "hybrid",
     (47000, 55000)),
    ("Treasury intern", "Finance", "Paris", "internship", "on_site", None),
    ("Sales development representative", "Sales", "Lyon Lille", "permanent",
     "on_site", (32000, 45000)),
    ("Key account manager", "Sales", "Paris", "permanent", "hybrid", None),
    ("Pre-sales consultant", "Sales", "Barcelona Brussels", "permanent", "hybrid",
     (50000, 65000)),
    ("Warehouse operator", "Operations", "Rotterdam", "temporary", "on_site",
     (14, 16)),
    ("Supply chain planner", "Operations", "Lille", "permanent", "on_site", None),
    ("Fleet manager", "Operations", "Toulouse Lyon", "permanent", "on_site",
     (44000, 50000)),
    ("Content marketing manager", "Marketing", "Nantes", "permanent", "hybrid",
     None),
    ("SEO specialist", "Marketing", "", "freelance", "full_remote", None),
    ("Product marketing manager", "Marketing", "Paris", "permanent", "hybrid",
     (52000, 60000)),
    ("Support engineer", "Customer support", "Brussels", "permanent", "hybrid",
     (38000, 44000)),
    ("Customer support agent (Spanish)", "Customer support", "Barcelona",
     "temporary", "on_site", None),
    ("Technical writer", "Customer support", "", "fixed_term", "full_remote", None),
    ("Legal counsel", "Legal", "Paris", "permanent", "hybrid", (58000, 68000)),
    ("Office manager", "Operations", "Lyon", "fixed_term", "on_site", None),
]
# fmt: on
# A few offers are closed: their date has passed, or the position is filled.
CLOSED_OFFERS = {
    "Payroll specialist": "filled",
    "UX researcher": "expired",
    "Warehouse operator": "expired",
    "Legal counsel": "filled",
}


def load_offers(home: HomePage) -> tuple[dict, dict]:
    """The offer index and the demo offers (those that exist are left as they
    are; every offer draws its random values, so each keeps them on a re-run)."""
    rng = random.Random(SEED)  # noqa: S311 - demo content, not secrets
    # The default language's: their translations share names and cities.
    default = Locale.get_default()
    families = {
        name: JobFamily.objects.filter(locale=default, name=name).first()
        or JobFamilyFactory(name=name)
        for name in sorted({o[1] for o in OFFERS})
    }
    locations = {
        city: Location.objects.get_or_create(
            locale=default,
            city=city,
            country_code=code,
            defaults={"region": region, "postal_code": postal, "country": country},
        )[0]
        for city, region, postal, country, code in LOCATIONS
    }
    index = OfferIndexPage.objects.child_of(home).first() or OfferIndexPageFactory(
        parent=home,
        title="Offers",
        slug="offers",
        introduction="All our open positions, newest first.",
    )
    existing = set(index.get_children().values_list("title", flat=True))
    now = timezone.now()
    today = timezone.localdate()
    levels = [level for level, _label in ExperienceLevel.choices]
    for number, (title, family, cities, contract, remote, salary) in enumerate(
        OFFERS, start=1
    ):
        # Drawn for every offer, so that each keeps its values on a re-run.
        hours = rng.randint(0, 8)
        days_open = rng.randint(20, 90)
        level = rng.choice(levels)
        part_time = rng.random() < 0.15
        if title in existing:
            continue
        published_at = now - timedelta(days=number, hours=hours)
        closing_date = today + timedelta(days=days_open)
        if number % 5 == 0:
            closing_date = None  # open until filled
        closed = CLOSED_OFFERS.get(title)
        if closed == "expired":
            closing_date = today - timedelta(days=number % 7 + 1)
        amount_period = SalaryPeriod.YEAR
        if salary and salary[1] < 100:
            amount_period = SalaryPeriod.HOUR
        elif salary and salary[1] < 2000:
            amount_period = (
                SalaryPeriod.DAY if contract == "freelance" else SalaryPeriod.MONTH
            )
        OfferPageFactory(
            parent=index,
            title=title,
            first_published_at=published_at,
            last_published_at=published_at,
            reference=f"NW-2026-{number:03d}",
            listing_summary=JOBS[title][0],
            **offer_sections(title, family, cities.split(), contract),
            job_family=families[family],
            locations=[locations[city] for city in cities.split()],
            contract_type=contract,
            remote_policy=remote,
            remote_countries="FR, BE, ES" if remote == "full_remote" else "",
            working_time=WorkingTime.PART_TIME if part_time else "full_time",
            experience_level="entry"
            if contract in ("internship", "apprenticeship")
            else level,
            salary_min=salary[0] if salary else None,
            salary_max=salary[1] if salary else None,
            salary_period=amount_period,
            start_date=today + timedelta(days=days_open + 30) if number % 3 else None,
            closing_date=closing_date,
            filled=closed == "filled",
        )
    return families, locations


# The questions some demo offers ask: a licence (a "no" rules a candidate out), and
# the "Availability" set (notice period, start date) that several offers include.
LICENCE = {
    "type": "yes_no",
    "value": {
        "text": "Do you hold a driving licence?",
        "help_text": "A category B licence, valid in the European Union.",
        "required": True,
        "knockout_answer": "no",
    },
}
AVAILABILITY = [
    {
        "type": "single_choice",
        "value": {
            "text": "What is your notice period?",
            "help_text": "",
            "required": True,
            "options": [
                "None",
                "Up to one month",
                "Two months",
                "Three months or more",
            ],
        },
    },
    {
        "type": "date",
        "value": {
            "text": "When can you start?",
            "help_text": "The earliest date you could join us.",
            "required": True,
        },
    },
]
OFFERS_WITH_QUESTIONS = {
    "Fleet manager": [LICENCE],
    "Maintenance technician": [LICENCE, "availability"],
    "Backend developer (Python)": [
        "availability",
        {
            "type": "multiple_choice",
            "value": {
                "text": "Which of these have you used at work?",
                "help_text": "Tick all that apply.",
                "required": False,
                "options": ["Django", "PostgreSQL", "Celery", "Docker"],
            },
        },
        {
            "type": "number",
            "value": {
                "text": "How many years have you worked with Python?",
                "help_text": "",
                "required": True,
                "min_value": "0",
                "max_value": "40",
            },
        },
    ],
}


def load_questions() -> None:
    """The "Availability" question set and the questions of a few offers (an
    offer that has questions already keeps them)."""
    availability, _created = QuestionSet.objects.get_or_create(
        name="Availability", defaults={"questions": AVAILABILITY}
    )
    for offer in OfferPage.objects.filter(title__in=OFFERS_WITH_QUESTIONS):
        if offer.questions:
            continue
        offer.questions = [
            {"type": "question_set", "value": availability.pk}
            if item == "availability"
            else item
            for item in OFFERS_WITH_QUESTIONS[offer.title]
        ]
        offer.save()


# Offer templates recruiters start from: (name, missions, profile, body sections).
OFFER_TEMPLATES = [
    (
        "Engineering, permanent contract",
        "<h3>Your first months</h3><ul><li>Build: …</li><li>Own: …</li>"
        "<li>Improve: …</li></ul>",
        "<ul><li>Experience with: …</li><li>You enjoy: …</li><li>A plus: …</li></ul>",
        [
            (
                "What we offer",
                "Two days a week from home, a training budget of "
                "1,500 euros a year, a yearly profit-sharing bonus and a laptop of "
                "your choice.",
            ),
            (
                "Recruitment process",
                "A 30-minute call with HR, a technical "
                "conversation with two engineers (no test to do at home), then a "
                "meeting with the team. An answer within ten working days.",
            ),
        ],
    ),
    (
        "Internship or apprenticeship",
        "<p>During your internship you will: …</p><ul><li>…</li><li>…</li></ul>",
        "<ul><li>Studying: …</li><li>Available from: …</li>"
        "<li>You are curious about: …</li></ul>",
        [
            (
                "What we offer",
                "A tutor who has done the job, a monthly allowance "
                "above the legal minimum, meal vouchers and half of your public "
                "transport pass.",
            ),
            (
                "Recruitment process",
                "A call with HR, then a meeting with your "
                "future tutor. An answer within a week.",
            ),
        ],
    ),
]


def load_offer_templates() -> None:
    """The demo's offer templates (those that exist are left as they are)."""
    for name, missions, profile, sections in OFFER_TEMPLATES:
        body = []
        for heading, text in sections:
            body += [
                {"type": "heading", "value": {"text": heading, "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{text}</p>"},
            ]
        OfferTemplate.objects.get_or_create(
            name=name, defaults={"missions": missions, "profile": profile, "body": body}
        )


def load_demo() -> list[str]:
    """The offers of the demo site, under its home page, and offer templates,
    then their French translations (most of them) and an offer in French only."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is not None:
        families, locations = load_offers(home)
        teams = load_teams(home, families)
        load_places(home, locations)
        load_questions()
        load_home_sections(home, families, locations, teams)
        load_french_offers(home)
        load_french_employer_pages(home)
        load_french_home_sections(home)
    load_offer_templates()
    return []
