"""Loads the demo site: pages, offers and one user of each role.

Idempotent: what exists already is left as it is (users get their demo password
back), so the command can run before every ``make demo``.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from alerts.demo import load_demo_alerts
from applications.demo import load_demo_applications
from candidates.demo import fill_demo_candidate
from candidates.factories import UserFactory
from candidates.models import User
from home.demo import load_cookies_page
from home.factories import (
    ConfidentialityPageFactory,
    ContactPageFactory,
    ContentPageFactory,
    DataProtectionPageFactory,
    FaqPageFactory,
    add_contact_fields,
    ensure_wagtail_root,
    make_site_root,
)
from home.groups import (
    CONTENT_EDITORS,
    HR_RECRUITERS,
    ensure_staff_groups,
    ensure_staff_permissions,
)
from home.models import HomePage, PortalSettings
from home.search import deferred_indexing
from offers.choices import ExperienceLevel, SalaryPeriod, WorkingTime
from offers.factories import (
    JobFamilyFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from offers.models import Location, OfferIndexPage

SEED = 2026

DEMO_USERS = [
    # username, password, role, first name, last name
    ("admin", "admin-demo-pass", "admin", "Ada", "Admin"),
    ("hr", "hr-demo-pass", HR_RECRUITERS, "Hugo", "Recruiter"),
    ("editor", "editor-demo-pass", CONTENT_EDITORS, "Edith", "Editor"),
    ("candidate", "candidate-demo-pass", "candidate", "Camille", "Martin"),
]


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(*paragraphs: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": p(*paragraphs)}


FAQ_SECTIONS = [
    (
        "Finding an offer",
        [
            (
                "How do I find offers that suit me?",
                "Open <b>Offers</b> at the top of any page. Type a job title, a skill "
                "or a city in the search box; every open offer is listed, newest "
                "first.",
            ),
            (
                "What happens when an offer closes?",
                "After its closing date, or once the position is filled, an offer "
                "leaves the list. Its page stays readable and says that it is closed, "
                "so a link you saved never leads nowhere.",
            ),
        ],
    ),
    (
        "Your account",
        [
            (
                "Do I need an account to apply?",
                "Yes. Creating one takes a minute: a username, your e-mail address, a "
                "password, and your agreement to the Data Protection Agreement. "
                "Browsing the offers needs no account.",
            ),
            (
                "Where is my account?",
                "Use the <b>My profile</b> pictogram at the top right of every page. "
                "It leads to the log-in page, then to your own space.",
            ),
            (
                "I forgot my password. What can I do?",
                "On the log-in page, choose <b>Forgotten password</b> and enter your "
                "e-mail address. You receive a link to choose a new password; for your "
                "safety, no password is ever sent by e-mail.",
            ),
        ],
    ),
    (
        "Contact and privacy",
        [
            (
                "Can I send my application through the contact form?",
                "No. The contact form is for questions about the site and our "
                "recruitment; applications sent through it are not processed.",
            ),
            (
                "Who can see my personal data?",
                "Only you and our HR recruiters. The people who write the pages of "
                "this site cannot see candidates or their documents. The "
                "Confidentiality policy explains what we keep and for how long.",
            ),
            (
                "Which browsers can I use?",
                "The site works on current versions of the common browsers, on a "
                "phone as well as on a computer. The Cookies page lists them.",
            ),
        ],
    ),
]

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


class Command(BaseCommand):
    help = "Loads the demo content and users (idempotent, fixed seed)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - demo content, not secrets
        with transaction.atomic(), deferred_indexing():
            # On a flushed database the groups' page permissions need the root page.
            ensure_wagtail_root()
            ensure_staff_groups()
            ensure_staff_permissions()
            home = self.load_pages()
            self.load_offers(home)
            self.load_settings(home)
            users = self.load_users()
            load_demo_alerts()
            load_demo_applications()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write("Demo log-ins (username / password):")
        for username, password, role, *_ in users:
            self.stdout.write(f"  {role:<16} {username:<10} / {password}")

    def load_pages(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            home = make_site_root(
                title="Careers at Northwind",
                hero_title="Build what comes next with Northwind",
                hero_text=(
                    "We design and run logistics software for 400 companies across "
                    "Europe. Find the job that fits you and apply in a few minutes, "
                    "from your phone or your computer."
                ),
                speculative_text=(
                    "Tell us who you are and what you would like to do: HR reads "
                    "every speculative application and keeps it in mind for the "
                    "offers to come."
                ),
            )
        pages = {page.slug for page in home.get_children()}
        if "offers" not in pages:
            OfferIndexPageFactory(
                parent=home,
                title="Offers",
                slug="offers",
                introduction="All our open positions, newest first.",
            )
        if "faq" not in pages:
            FaqPageFactory(
                parent=home,
                title="Frequently asked questions",
                slug="faq",
                introduction="Answers to the questions candidates ask us most.",
                sections=[
                    {
                        "type": "section",
                        "value": {
                            "title": title,
                            "questions": [
                                {"question": question, "answer": p(answer)}
                                for question, answer in questions
                            ],
                        },
                    }
                    for title, questions in FAQ_SECTIONS
                ],
            )
        if "confidentiality" not in pages:
            ConfidentialityPageFactory(
                parent=home,
                title="Confidentiality policy",
                slug="confidentiality",
                introduction="How Northwind handles the personal data of candidates.",
                body=[
                    heading("What we collect"),
                    paragraph(
                        "Your identity and contact details, your professional "
                        "experience, the documents you upload and the applications "
                        "you send."
                    ),
                    heading("Who sees it"),
                    paragraph(
                        "Only you and the HR recruiters of Northwind. Content editors "
                        "of this site have no access to candidate data."
                    ),
                    heading("Your rights"),
                    paragraph(
                        "You may see, correct, export and delete your data at any "
                        "time. For any question, use the contact page."
                    ),
                ],
            )
        if "cookies" not in pages:
            load_cookies_page(home)
        if "data-protection" not in pages:
            DataProtectionPageFactory(
                parent=home,
                title="Data Protection Agreement",
                slug="data-protection",
                introduction=(
                    "The agreement you accept when you create your candidate account."
                ),
                body=[
                    heading("Purpose"),
                    paragraph(
                        "Northwind processes your data only to examine your "
                        "applications and, if you ask for it, to send you job alerts."
                    ),
                    heading("Retention"),
                    paragraph(
                        "An account unused for 24 months is deleted, after a warning "
                        "sent by e-mail 30 days ahead."
                    ),
                ],
            )
        if "legal-notice" not in pages:
            ContentPageFactory(
                parent=home,
                title="Legal notice",
                slug="legal-notice",
                introduction="Who publishes this site.",
                body=[
                    paragraph(
                        "This site is published by Northwind Labs, 1 Harbour Street, "
                        "Example City. Publication director: the HR director."
                    )
                ],
            )
        if "contact" not in pages:
            contact = ContactPageFactory(
                parent=home,
                title="Contact",
                slug="contact",
                introduction=p(
                    "A question about an offer, your account or our recruitment? "
                    "Write to us: HR answers within two working days."
                ),
                thank_you_text=p(
                    "HR will answer you by e-mail within two working days."
                ),
            )
            add_contact_fields(contact)
        return home

    def load_offers(self, home: HomePage) -> None:
        families = {
            name: JobFamilyFactory(name=name) for name in {o[1] for o in OFFERS}
        }
        locations = {
            city: Location.objects.get_or_create(
                city=city,
                country_code=code,
                defaults={"region": region, "postal_code": postal, "country": country},
            )[0]
            for city, region, postal, country, code in LOCATIONS
        }
        index = OfferIndexPage.objects.child_of(home).first()
        existing = set(index.get_children().values_list("title", flat=True))
        now = timezone.now()
        today = timezone.localdate()
        levels = [level for level, _label in ExperienceLevel.choices]
        for number, (title, family, cities, contract, remote, salary) in enumerate(
            OFFERS, start=1
        ):
            # Drawn for every offer, so that each keeps its values on a re-run.
            hours = self.rng.randint(0, 8)
            days_open = self.rng.randint(20, 90)
            level = self.rng.choice(levels)
            part_time = self.rng.random() < 0.15
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
                listing_summary=f"Join our {family.lower()} team.",
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
                start_date=today + timedelta(days=days_open + 30)
                if number % 3
                else None,
                closing_date=closing_date,
                filled=closed == "filled",
            )

    def load_settings(self, home: HomePage) -> None:
        site = Site.objects.get(root_page=home)
        portal_settings = PortalSettings.for_site(site)
        portal_settings.organisation_name = "Northwind"
        portal_settings.organisation_url = "https://www.example.com/"
        portal_settings.hr_email = "hr@example.com"
        footer_pages = [
            Page.objects.child_of(home).get(slug=slug)
            for slug in (
                "faq",
                "confidentiality",
                "cookies",
                "data-protection",
                "legal-notice",
                "contact",
            )
        ]
        portal_settings.footer_links = [
            {"type": "link", "value": {"page": page.pk, "label": ""}}
            for page in footer_pages
        ]
        portal_settings.save()

    def load_users(self) -> list[tuple[str, str, str, str, str]]:
        for username, password, role, first_name, last_name in DEMO_USERS:
            user = User.objects.filter(username=username).first() or UserFactory(
                username=username, first_name=first_name, last_name=last_name
            )
            user.set_password(password)
            user.is_superuser = user.is_staff = role == "admin"
            user.save()
            if role in (HR_RECRUITERS, CONTENT_EDITORS):
                user.groups.set([Group.objects.get(name=role)])
            if role == "candidate":
                fill_demo_candidate(user)
        return DEMO_USERS
