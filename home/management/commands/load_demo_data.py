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

from candidates.demo import fill_demo_candidate
from candidates.factories import UserFactory
from candidates.models import User
from home.factories import (
    ConfidentialityPageFactory,
    ContactPageFactory,
    ContentPageFactory,
    CookiesPageFactory,
    DataProtectionPageFactory,
    FaqPageFactory,
    add_contact_fields,
    make_site_root,
)
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.models import HomePage, PortalSettings
from offers.factories import OfferIndexPageFactory, OfferPageFactory
from offers.models import OfferIndexPage

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

OFFERS = [
    ("Backend developer (Python)", "Engineering"),
    ("Frontend developer", "Engineering"),
    ("Site reliability engineer", "Engineering"),
    ("Data analyst", "Data"),
    ("Product designer", "Design"),
    ("HR business partner", "Human resources"),
    ("Payroll specialist", "Finance"),
    ("Management controller", "Finance"),
    ("Customer success manager", "Sales"),
    ("Account executive", "Sales"),
    ("Logistics coordinator", "Operations"),
    ("Maintenance technician", "Operations"),
]


class Command(BaseCommand):
    help = "Loads the demo content and users (idempotent, fixed seed)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - demo content, not secrets
        with transaction.atomic():
            home = self.load_pages()
            self.load_offers(home)
            self.load_settings(home)
            users = self.load_users()
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
            CookiesPageFactory(
                parent=home,
                title="Cookies",
                slug="cookies",
                introduction=(
                    "This site sets only the cookies it needs to work. None is used "
                    "for advertising or tracking."
                ),
                cookies=[
                    {
                        "type": "cookie",
                        "value": {
                            "name": "sessionid",
                            "purpose": "Keeps you logged in to your account.",
                            "duration": "Two weeks, or until you log out",
                        },
                    },
                    {
                        "type": "cookie",
                        "value": {
                            "name": "csrftoken",
                            "purpose": "Protects the forms you send against forgery.",
                            "duration": "One year",
                        },
                    },
                ],
                supported_browsers=[
                    {"type": "browser", "value": {"name": name, "versions": versions}}
                    for name, versions in [
                        ("Firefox", "The last two versions"),
                        ("Chrome and Chromium", "The last two versions"),
                        ("Edge", "The last two versions"),
                        ("Safari, on macOS and iOS", "The last two versions"),
                    ]
                ],
            )
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
        index = OfferIndexPage.objects.child_of(home).first()
        existing = set(index.get_children().values_list("title", flat=True))
        now = timezone.now()
        today = timezone.localdate()
        for number, (title, family) in enumerate(OFFERS, start=1):
            if title in existing:
                continue
            published_at = now - timedelta(days=number, hours=self.rng.randint(0, 8))
            OfferPageFactory(
                parent=index,
                title=title,
                first_published_at=published_at,
                last_published_at=published_at,
                reference=f"NW-{2026}-{number:03d}",
                listing_summary=f"Join our {family.lower()} team.",
                closing_date=today + timedelta(days=self.rng.randint(20, 90)),
                body=[
                    heading("Your missions"),
                    paragraph(
                        f"As a {title.lower()}, you join a team of eight people and "
                        "take part in every step of our projects."
                    ),
                    heading("Your profile"),
                    paragraph("You like clear work, shared knowledge and good tools."),
                    heading("Recruitment process"),
                    paragraph(
                        "A first call with HR, an interview with the team, then an "
                        "answer within a week."
                    ),
                ],
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
