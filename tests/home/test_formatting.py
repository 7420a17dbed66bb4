"""Numbers, amounts of money and dates written for the language of the page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from home.formatting import grouped, money

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "48,000"), ("fr", f"48{NBSP}000")]
)
def test_numbers_are_grouped_for_the_language(language, expected):
    with translation.override(language):
        assert grouped(48000, 0) == expected
        rendered = Template("{% load portal_tags %}{{ count|grouped }}").render(
            Context({"count": 48000})
        )
        assert rendered == expected


@pytest.mark.parametrize(
    ("language", "value", "currency", "expected"),
    [
        ("en", 48000, "EUR", "€48,000"),
        ("fr", 48000, "EUR", f"48{NBSP}000{NBSP}€"),
        ("en", Decimal("12.50"), "GBP", "£12.50"),
        ("fr", Decimal("12.50"), "GBP", f"12,50{NBSP}£"),
        ("en", 3000, "CHF", "CHF3,000"),
        ("fr", 3000, "CHF", f"3{NBSP}000{NBSP}CHF"),
    ],
)
def test_money_is_written_for_the_language(language, value, currency, expected):
    with translation.override(language):
        assert money(value, currency) == expected


def test_a_language_without_a_money_format_writes_the_code(settings):
    settings.MONEY_FORMATS = {"en": "{symbol}{amount}"}
    with translation.override("de"):
        assert money(48000, "EUR") == f"48.000{NBSP}EUR"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Jan. 31, 2027"), ("fr", "31 janvier 2027")]
)
def test_dates_follow_the_language(language, expected):
    with translation.override(language):
        rendered = Template('{{ day|date:"DATE_FORMAT" }}').render(
            Context({"day": datetime.date(2027, 1, 31)})
        )
    assert rendered == expected
