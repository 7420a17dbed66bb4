"""A model field for a set of choices that every database can search."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

SEPARATOR = "|"


class ChoiceSetField(models.CharField):
    """Several values of a fixed list, stored as one string such as ``|a|b|``.

    The separators around every value let a plain ``contains`` lookup (see
    ``contains()``) find the rows holding one value, on SQLite as on PostgreSQL;
    the empty string means no value. The choices themselves belong to the form.
    """

    description = "A set of choice values"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression, connection) -> list[str]:
        return self.to_python(value)

    def to_python(self, value: Any) -> list[str]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = value.split(SEPARATOR)
        if not isinstance(value, Iterable):
            value = [value]
        return sorted({str(item) for item in value if str(item)})

    def get_prep_value(self, value: Any) -> str:
        values = self.to_python(value)
        return f"{SEPARATOR}{SEPARATOR.join(values)}{SEPARATOR}" if values else ""

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    @staticmethod
    def contains(value: str) -> str:
        """What to give ``<field>__contains`` to find the rows holding ``value``."""
        return f"{SEPARATOR}{value}{SEPARATOR}"
