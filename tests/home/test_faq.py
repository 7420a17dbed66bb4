"""The FAQ folds its answers and describes itself to search engines."""

import json
import re

import pytest

from home.models import FaqPage

pytestmark = pytest.mark.django_db


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def test_json_ld_parses_and_holds_every_question(client, demo_site):
    page = FaqPage.objects.get(locale__language_code="en")
    html = client.get(page.url).content.decode()
    (data,) = json_ld_blocks(html)
    assert data["@type"] == "FAQPage"
    questions = [item["name"] for item in data["mainEntity"]]
    expected = [question for question, _ in page.questions()]
    assert questions == expected
    assert len(questions) >= 8
    for item in data["mainEntity"]:
        assert item["@type"] == "Question"
        assert item["acceptedAnswer"]["@type"] == "Answer"
        assert item["acceptedAnswer"]["text"]


def test_every_answer_is_folded_in_details(client, demo_site):
    page = FaqPage.objects.get(locale__language_code="en")
    html = client.get(page.url).content.decode()
    assert html.count("<details") == len(page.questions())
    assert html.count("<summary>") == len(page.questions())


def test_json_ld_escapes_script_endings(client, demo_site):
    page = FaqPage.objects.get(locale__language_code="en")
    page.sections = [
        {
            "type": "section",
            "value": {
                "title": "Tricky",
                "questions": [
                    {
                        "question": "</script><script>alert(1)</script>",
                        "answer": "<p>Fine & dandy</p>",
                    }
                ],
            },
        }
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    (data,) = json_ld_blocks(html)
    assert data["mainEntity"][0]["name"] == "</script><script>alert(1)</script>"
