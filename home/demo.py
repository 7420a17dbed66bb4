"""The demo site's pages and settings, loaded first by ``manage.py
load_demo_data``: the home page, the FAQ, the legal pages (the Cookies page lists
every cookie the site sets, under its production name and its plain HTTP one), the
contact form, the footer links and the staff groups."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page, Site

from .factories import (
    ConfidentialityPageFactory,
    ContactPageFactory,
    ContentPageFactory,
    CookiesPageFactory,
    DataProtectionPageFactory,
    FaqPageFactory,
    add_contact_fields,
    ensure_wagtail_root,
    make_site_root,
)
from .groups import ensure_staff_groups, ensure_staff_permissions
from .models import CookiesPage, HomePage, PortalSettings

# name(s), purpose, duration. Names: production's ``__Host-`` one, then the one used
# where the site runs without HTTPS (the demo, the tests).
DEMO_COOKIES = [
    (
        "__Host-sessionid, sessionid",
        "Keeps you logged in, and carries the short messages shown after an "
        "action (such as “Your profile is saved”).",
        "Until you close your browser if you log in without “Remember me on this "
        "device”; 8 hours at most otherwise.",
    ),
    (
        "__Host-csrftoken, csrftoken",
        "Protects the forms you send (log-in, applications, contact) against "
        "forgery by another site.",
        "One year",
    ),
    (
        "wagtail_sidebar_collapsed",
        "Staff only, in the administration: remembers whether the side menu is folded.",
        "Until you close your browser",
    ),
]


def cookie_names(name: str) -> set[str]:
    """The names one row of the cookies table lists (comma-separated)."""
    return {part.strip() for part in name.split(",") if part.strip()}


def _paragraph(*texts: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def load_cookies_page(home: HomePage) -> CookiesPage:
    """The Cookies page under ``home`` (left as it is when it exists)."""
    existing = CookiesPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    return CookiesPageFactory(
        parent=home,
        title="Cookies",
        slug="cookies",
        introduction=(
            "This site sets only the cookies it needs to work. There is no tracking, "
            "analytics or advertising cookie, and none is shared with another site."
        ),
        body=[
            _paragraph(
                "Strictly necessary cookies need no consent, so this site shows no "
                "cookie banner. You can delete them in your browser's settings at "
                "any time: you will then be logged out.",
                "The site is in one language only, so it sets no language cookie. "
                "It measures no visits and embeds no content from other sites.",
            )
        ],
        cookies=[
            {
                "type": "cookie",
                "value": {"name": name, "purpose": purpose, "duration": duration},
            }
            for name, purpose, duration in DEMO_COOKIES
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


def load_pages() -> HomePage:
    """The home page and its pages (each left as it is when it exists)."""
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
            thank_you_text=p("HR will answer you by e-mail within two working days."),
        )
        add_contact_fields(contact)
    return home


def load_settings(home: HomePage) -> None:
    """The organisation, the HR address and the footer links."""
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


def load_demo() -> list[str]:
    """The staff groups, the pages and the settings of the demo site."""
    # On a flushed database the groups' page permissions need the root page.
    ensure_wagtail_root()
    ensure_staff_groups()
    ensure_staff_permissions()
    home = load_pages()
    load_settings(home)
    return []
