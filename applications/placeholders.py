"""The placeholders HR may write in a stage's e-mail (``{first_name}``...): which
exist, checking a text for unknown ones, and filling them in."""

from __future__ import annotations

from string import Formatter

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = ("first_name", "last_name", "offer_title", "offer_reference", "stage")
PLACEHOLDER_HELP_LIST = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
PLACEHOLDER_HELP = format_lazy(
    "{} {}", _("Placeholders filled in for each candidate:"), PLACEHOLDER_HELP_LIST
)


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders of ``text`` that are not in ``PLACEHOLDERS``, as written
    (``{name.attr}``, ``{0}``, a lone brace count as unknown too)."""
    try:
        fields = [
            (name, spec, conversion)
            for _literal, name, spec, conversion in Formatter().parse(text or "")
            if name is not None
        ]
    except ValueError:
        return [str(_("a lone “{” or “}” (write “{{” or “}}” for a brace)"))]
    return [
        f"{{{name}}}"
        for name, spec, conversion in fields
        if name not in PLACEHOLDERS or spec or conversion
    ]


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """``text`` with its placeholders replaced by ``values`` (a text checked by
    ``unknown_placeholders``; an unknown one is left as written)."""
    if unknown_placeholders(text):
        return text
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
