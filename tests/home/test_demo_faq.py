"""The demo FAQ answers every question the FAQ the site is built from answers
(``shared/seed-faq.txt``), in the portal's own words and labels, true to what the
portal does, with links that lead somewhere."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest

from alerts.models import JobAlert
from home.models import FaqPage

pytestmark = pytest.mark.django_db

ALERT_LABEL = (
    "Send me an alert by e-mail when an offer corresponding to my preferences is "
    "published"
)

# Each question of the seed FAQ, and what one answer of the demo FAQ must say.
SEED_QUESTIONS = {
    "How do I apply to an offer?": [
        "Apply",
        "Create your profile",
        "Data Protection Agreement",
        "CVs",
        "new CV",
        "Save as draft",
    ],
    "How do I create a candidate profile?": [
        "My profile",
        "top right",
        "Create your profile",
        "Data Protection Agreement",
        "code",
    ],
    "I cannot log in.": [
        "username",
        "password",
        "Forgotten username",
        "Forgotten password",
    ],
    "The site does not display properly.": ["browser", "Cookies page"],
    "I forgot my username.": ["Forgotten username", "e-mail address", "Change"],
    "I forgot my password.": ["Forgotten password", "new password", "spam"],
    "My form is refused.": ["red", "top of the page"],
    "How do I send a speculative application?": [
        "speculative application",
        "Create your profile",
        "Send my application",
    ],
    "Can I use the site on my phone?": [
        "phone",
        "tablet",
        "computer",
        "My documents",
        "create your profile",
    ],
    "Can I be told of new offers by e-mail?": [
        "My parameters",
        "My alerts",
        ALERT_LABEL,
    ],
    "How do I change or delete an alert?": [
        "My parameters",
        "My alerts",
        "Change",
        "untick",
        ALERT_LABEL,
        "Delete",
    ],
    "How is my data protected?": ["Confidentiality policy"],
    "How do I ask a question?": ["Contact form", "not processed"],
}

# The pages and views the answers name, and where they are.
NAMED_LINKS = {
    "Cookies page": "/en/cookies/",
    "Confidentiality policy": "/en/confidentiality/",
    "Contact form": "/en/contact/",
    "log-in page": "/en/account/login/",
    "My parameters": "/en/me/parameters/",
}


def text_of(fragment: str) -> str:
    """The words of an HTML fragment, without tags, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture
def faq_html(client, demo_site) -> str:
    response = client.get(FaqPage.objects.get(locale__language_code="en").url)
    assert response.status_code == 200
    return response.content.decode()


def answers(faq_html: str) -> list[tuple[str, str]]:
    """Each question of the page and its answer as HTML, as visitors get them."""
    return re.findall(
        r"<summary>(.*?)</summary>\s*<div class=\"faq-item__answer rich-text\">"
        r"(.*?)</div>\s*</details>",
        faq_html,
        re.S,
    )


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_every_seed_question_has_an_answer(faq_html, question):
    phrases = SEED_QUESTIONS[question]
    fitting = [
        asked
        for asked, answer in answers(faq_html)
        if all(phrase in text_of(answer) for phrase in phrases)
    ]
    assert fitting, f"No answer to “{question}” says all of {phrases}"


def test_the_answers_are_in_the_portals_own_words(faq_html):
    """No sentence of the seed FAQ is copied as it stands."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[3] / "shared" / "seed-faq.txt"
    if not seed.exists():
        pytest.skip("the seed FAQ is not beside the project")
    page = text_of(faq_html).replace("’", "'").replace("“", '"').replace("”", '"')
    sentences = re.split(r"(?<=[.:?!])\s+", seed.read_text(encoding="utf-8"))
    for sentence in sentences:
        sentence = " ".join(sentence.split()).replace("’", "'")
        sentence = sentence.replace("“", '"').replace("”", '"').strip("- ")
        if len(sentence) > 40:
            assert sentence not in page


def test_the_labels_are_the_portals(client, faq_html):
    """The FAQ names actions as the portal shows them."""
    assert JobAlert._meta.get_field("active").verbose_name == ALERT_LABEL
    login = client.get("/en/account/login/").content.decode()
    for label in ["Create your profile", "Forgotten username", "Forgotten password"]:
        assert label in login
        assert label in faq_html
    assert "My profile" in faq_html


def test_the_pages_it_names_are_linked(faq_html):
    linked = {
        text_of(label): urlsplit(html.unescape(href)).path
        for _question, answer in answers(faq_html)
        for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', answer)
    }
    for label, path in NAMED_LINKS.items():
        assert linked.get(label) == path, label


def test_every_link_of_the_page_leads_somewhere(client, faq_html):
    """Each link of the page (the answers', the header's and the footer's) gives a
    page, or the log-in page for a visitor where an account is needed."""
    hrefs = {
        html.unescape(href)
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', faq_html)
    }
    internal = sorted(href for href in hrefs if href.startswith("/"))
    assert "/en/me/parameters/" in internal
    for href in internal:
        response = client.get(href)
        if response.status_code == 302:
            location = urlsplit(response["Location"])
            assert location.path == "/en/account/login/", href
            assert client.get(response["Location"]).status_code == 200
        else:
            assert response.status_code == 200, href


def test_every_link_leads_somewhere_for_a_candidate(
    client, faq_html, django_user_model
):
    """Logged in, the candidate's own pages open."""
    client.force_login(django_user_model.objects.get(username="candidate"))
    for path in ["/en/me/parameters/", "/en/me/documents/", "/en/me/applications/"]:
        assert client.get(path).status_code == 200, path
