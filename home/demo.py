"""The demo site's pages and settings, loaded first by ``manage.py
load_demo_data``: the home page, the FAQ, the legal pages (the Cookies page lists
every cookie the site sets, under its production name and its plain HTTP one), the
contact form, the footer links and the staff groups."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .demo_fr import load_french_pages
from .demo_images import demo_image, favicon, logo, sharing_image
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
from .models import CookiesPage, FaqPage, HomePage, PortalSettings

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
                "The site is in English and French. The language is part of each "
                "page's address (/en/, /fr/) and the language links at the top of "
                "every page lead to the same page in the other language, so the "
                "site sets no language cookie: its bare address follows the "
                "language your browser asks for. It measures no visits. It loads "
                "nothing from other sites, except a video from YouTube that you "
                "choose to play: only then does its player come from "
                "youtube-nocookie.com, under YouTube's own terms.",
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


def page_link(page: Page, text: str) -> str:
    """A rich text link to a page, kept right when the page moves."""
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def link(url_name: str, text: str) -> str:
    """A rich text link to one of the portal's views (not a page)."""
    return f'<a href="{reverse(url_name)}">{text}</a>'


def faq_sections(home: HomePage) -> list[tuple[str, list[tuple[str, str]]]]:
    """The demo FAQ: every question candidates ask (``shared/seed-faq.txt``),
    answered as this portal works, with links to the pages and views it names.
    An answer is one paragraph, or HTML when it starts with a tag."""
    pages = {page.slug: page for page in home.get_children()}
    cookies = page_link(pages["cookies"], "Cookies page")
    confidentiality = page_link(pages["confidentiality"], "Confidentiality policy")
    agreement = page_link(pages["data-protection"], "Data Protection Agreement")
    contact = page_link(pages["contact"], "Contact form")
    login = link("account_login", "log-in page")
    parameters = link("candidates:parameters", "My parameters")
    documents = link("candidates:documents", "My documents")
    applications = link("applications:list", "My applications")
    speculative = link("applications:speculative", "Send a speculative application")
    return [
        (
            "Applying",
            [
                (
                    "How do I apply to an offer?",
                    "<p>Choose <b>Apply</b> on the offer's page. If you are not "
                    "logged in, the log-in page opens and names the offer:</p><ul>"
                    "<li>No account yet? Choose <b>Create your profile</b>, fill in "
                    f"the form and accept the {agreement}. We e-mail you a code to "
                    "check your address: type it in and the offer's application "
                    "form opens.</li>"
                    "<li>Already have an account? Log in: your details, your "
                    "experience and the CVs and letters you keep are ready for the "
                    "application. Change what you like, add a new CV, or choose "
                    "<b>Save as draft</b> to finish it later.</li></ul>"
                    "<p>Choose <b>Send my application</b> when it is complete.</p>",
                ),
                (
                    "Can I save my application and finish it later?",
                    "Yes. On the application form, choose <b>Save as draft</b>. "
                    f"Your draft waits in {applications}, from any device: open it, "
                    "finish it and send it before the offer closes.",
                ),
                (
                    "How do I send a speculative application?",
                    f"Create your profile (or log in), then choose {speculative}. "
                    "Tell us which jobs and places interest you, add your CV, "
                    "then choose <b>Send my application</b>. HR reads it and keeps "
                    "it in mind for the offers to come.",
                ),
                (
                    "Which documents can I send?",
                    "CVs and motivation letters, as PDF, DOC, DOCX or ODT files of "
                    f"up to 5 MB each. They are kept in {documents} and offered in "
                    "every application; a file you add while applying joins them.",
                ),
            ],
        ),
        (
            "Your account",
            [
                (
                    "How do I create my candidate profile?",
                    "Choose the <b>My profile</b> pictogram at the top right of any "
                    "page, then <b>Create your profile</b>. Give your name, a "
                    "username, your e-mail address and a password, and accept the "
                    f"{agreement}. We e-mail you a code: type it on the page that "
                    "asks for it (or ask for a new one there) and your profile is "
                    "ready. Browsing the offers needs no account.",
                ),
                (
                    "I cannot log in. What should I check?",
                    "Check your username, or your e-mail address (both work), and "
                    "your password, which is case-sensitive. If you have forgotten "
                    "one of them, use <b>Forgotten username</b> or <b>Forgotten "
                    f"password</b> on the {login}. After several failed attempts in "
                    "a row, log-in is paused for a few minutes to protect your "
                    "account. If the page itself looks wrong, your browser may be "
                    f"too old: the {cookies} lists the browsers the site is made "
                    "for.",
                ),
                (
                    "I forgot my username. What can I do?",
                    f"On the {login}, choose "
                    f"{link('accounts:forgot_username', 'Forgotten username')} and "
                    "enter your e-mail address: we e-mail you your username. Once "
                    f"logged in, you can change it: open {parameters} and choose "
                    "<b>Change</b> beside your username.",
                ),
                (
                    "I forgot my password. What can I do?",
                    f"On the {login}, choose "
                    f"{link('account_reset_password', 'Forgotten password')} and "
                    "enter your e-mail address. We e-mail you a link to choose a new "
                    "password; if it does not arrive, look in your spam folder. For "
                    "your safety, no password is ever sent by e-mail.",
                ),
                (
                    "Where do I find my applications, documents and settings?",
                    "Choose the <b>My profile</b> pictogram at the top right of every "
                    "page. Once logged in, it opens your space: My applications, "
                    "My profile, My documents and My parameters.",
                ),
            ],
        ),
        (
            "Using the site",
            [
                (
                    "How do I find offers that suit me?",
                    "Open <b>Offers</b> at the top of any page. Type a job title, a "
                    "skill or a city in the search box and narrow the list with the "
                    "filters; every open offer is listed, newest first.",
                ),
                (
                    "What happens when an offer closes?",
                    "After its closing date, or once the position is filled, an "
                    "offer leaves the list. Its page stays readable and says that it "
                    "is closed, so a link you saved never leads nowhere.",
                ),
                (
                    "The site does not display properly. What can I do?",
                    "Your browser may be too old. The site is made for the current "
                    f"versions of the browsers listed on the {cookies}: update "
                    "yours, or try one of them.",
                ),
                (
                    "My form is refused. What is wrong?",
                    "Check what you typed in each field. When something is wrong, "
                    "a box framed in red at the top of the page lists each problem: "
                    "choose one to go straight to its field, correct it and send the "
                    "form again. Fields marked with * are required.",
                ),
                (
                    "Can I use the site on my phone?",
                    "Yes: it fits every screen, phone, tablet or computer. On your "
                    "phone you can search the offers, create your profile and "
                    "apply. If your phone cannot upload files, add your CV and "
                    f"motivation letters from a computer in {documents}: they are "
                    "then offered in your applications on your phone too.",
                ),
            ],
        ),
        (
            "Job alerts",
            [
                (
                    "Can I receive an e-mail when a new offer suits me?",
                    f"Yes. Log in and open {parameters}. In <b>My alerts</b>, choose "
                    "<b>Change</b> (or <b>Add an alert</b>), pick the words, job "
                    "families, places and contracts you want, tick <b>Send me an "
                    "alert by e-mail when an offer corresponding to my preferences "
                    "is published</b>, choose how often (as soon as an offer is "
                    "published, once a day or once a week) and save. From a search "
                    "in the offers, <b>Create an alert for this search</b> fills in "
                    "the form for you.",
                ),
                (
                    "How do I change or stop an alert?",
                    f"Open {parameters}. In <b>My alerts</b>, choose <b>Change</b> "
                    "beside the alert: change your preferences, or untick <b>Send me "
                    "an alert by e-mail when an offer corresponding to my "
                    "preferences is published</b> to stop it, then save. "
                    "<b>Delete</b> removes the alert, and every alert e-mail has a "
                    "link that stops it at once.",
                ),
            ],
        ),
        (
            "Your data and contact",
            [
                (
                    "How is my personal data protected?",
                    "Only you and our HR recruiters see it; the people who write the "
                    "pages of this site cannot see candidates or their documents. "
                    f"Our {confidentiality} explains what we keep and for how long. "
                    f"In {parameters}, <b>Download my data</b> gives you a zip of "
                    "everything we keep about you, with your documents, and "
                    "<b>Delete my account</b> deletes your account and data for "
                    "good.",
                ),
                (
                    "How can I ask a question?",
                    f"Use the {contact}: HR answers by e-mail. It is not meant for "
                    "applications: an application sent through it is not processed. "
                    "Apply from the offer's page, or send a speculative application.",
                ),
            ],
        ),
    ]


def load_faq_page(home: HomePage) -> FaqPage:
    """The FAQ under ``home`` (left as it is when it exists), made after the pages
    its answers link to."""
    existing = FaqPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    return FaqPageFactory(
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
                        {
                            "question": question,
                            "answer": answer if answer.startswith("<") else p(answer),
                        }
                        for question, answer in questions
                    ],
                },
            }
            for title, questions in faq_sections(home)
        ],
    )


def load_pages() -> HomePage:
    """The home page and its pages (each left as it is when it exists)."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
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
    load_faq_page(home)
    return home


def load_settings(home: HomePage) -> None:
    """The organisation, the HR address, social and footer links."""
    site = Site.objects.get(root_page=home)
    portal_settings = PortalSettings.for_site(site)
    portal_settings.organisation_name = "Northwind"
    portal_settings.organisation_url = "https://www.example.com/"
    portal_settings.hr_email = "hr@example.com"
    # The company's pages on social networks, linked from the footer (the demo's
    # company is made up: its pages are examples).
    portal_settings.linkedin_url = "https://www.linkedin.com/company/example"
    portal_settings.instagram_url = "https://www.instagram.com/example"
    portal_settings.youtube_url = "https://www.youtube.com/@example"
    load_brand_images(portal_settings)
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


def load_brand_images(portal_settings: PortalSettings) -> None:
    """The logo, the favicon and the default sharing image, drawn by the demo
    (``demo_images.py``), where none is chosen yet."""
    name = portal_settings.organisation_name
    colour = portal_settings.primary_colour
    rgb = (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
    if portal_settings.logo_id is None:
        portal_settings.logo = demo_image(
            f"{name} logo", lambda: logo(rgb), extension="png"
        )
    if portal_settings.favicon_id is None:
        portal_settings.favicon = demo_image(
            f"{name} icon", lambda: favicon(rgb), extension="png"
        )
    if portal_settings.social_image_id is None:
        portal_settings.social_image = demo_image(
            f"{name} careers, shared",
            lambda: sharing_image(name, "Careers: software for parcels", "harbour"),
        )


def base_url_address(base_url: str) -> tuple[str, int]:
    """The host name and port of ``base_url`` (``BASE_URL``), as a Wagtail site
    record holds them: 80 or 443 when the address names no port."""
    parts = urlsplit(base_url)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def serve_site_at_base_url(home: HomePage) -> Site:
    """Points the demo site at ``BASE_URL`` (``make demo``: the port it serves on),
    so that the sitemap and the share links, built from the site's root URL, give
    the address e-mails give. Set again at every load: the port may change."""
    site = Site.objects.get(root_page=home)
    hostname, port = base_url_address(settings.WAGTAILADMIN_BASE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


def load_demo() -> list[str]:
    """The staff groups, the pages and the settings of the demo site, then the
    pages' French translations."""
    # On a flushed database the groups' page permissions need the root page.
    ensure_wagtail_root()
    ensure_staff_groups()
    ensure_staff_permissions()
    # Links written into the pages (reverse()) in the language of each page.
    with translation.override(settings.LANGUAGE_CODE):
        home = load_pages()
    serve_site_at_base_url(home)
    load_settings(home)
    load_french_pages(home)
    return []
