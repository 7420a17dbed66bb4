"""Numbers and amounts of money written the way the current language writes them:
its grouping of thousands (Django's formats) and where its currency sign goes
(``MONEY_FORMATS``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

# Where a language puts the currency: a language without its own entry writes
# "48,000 EUR" with its own grouping.
DEFAULT_MONEY_FORMAT = "{amount}\u00a0{code}"


def grouped(value: int | Decimal | float, decimals: int | None = None) -> str:
    """``value`` with the thousands grouped as the current language does:
    "48,000" in English, "48 000" in French."""
    return number_format(value, decimals, force_grouping=True)


def money(value: Decimal | int, currency: str) -> str:
    """An amount in ``currency`` (an ISO 4217 code) in the current language:
    "€48,000" in English, "48 000 €" in French; cents only when there are some."""
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    formats = settings.MONEY_FORMATS
    language = translation.get_language() or settings.LANGUAGE_CODE
    pattern = formats.get(language) or formats.get(language.split("-")[0])
    symbol = settings.CURRENCY_SYMBOLS.get(currency, currency)
    return (pattern or DEFAULT_MONEY_FORMAT).format(
        amount=grouped(value, decimals), symbol=symbol, code=currency
    )
