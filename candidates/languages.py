"""The languages the site speaks to candidates in: the choices of ``LANGUAGES``,
the request's language at sign-up, and the language of each e-mail address."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def language_choices() -> list[tuple[str, str]]:
    """The languages of the site (``LANGUAGES``), as field choices."""
    return [(code, name) for code, name in settings.LANGUAGES]


def default_language() -> str:
    return supported_language(settings.LANGUAGE_CODE)


def supported_language(code: str | None) -> str:
    """``code`` as one of ``LANGUAGES`` (``fr-ca`` gives ``fr``), or the site's
    default language when the site does not speak it."""
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def current_language() -> str:
    """The language of the page being answered (or of the worker's process)."""
    return supported_language(translation.get_language())


def language_of_address(email: str) -> str:
    """The language of the account with this e-mail address; the current
    language when no account has it."""
    from .models import User

    language = (
        User.objects.filter(email__iexact=email)
        .order_by("-is_active", "pk")
        .values_list("language", flat=True)
        .first()
    )
    return supported_language(language) if language else current_language()
