"""Rules for what candidates type as their username and e-mail address."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

USERNAME_MAX_LENGTH = 40

# Plain ASCII only: look-alike letters from other scripts (a Cyrillic "а" in
# "аdmin") or full-width forms cannot make a second "admin". Uniqueness regardless
# of case is the database's job (candidates.User constraints).
username_validator = RegexValidator(
    r"\A[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\Z",
    _(
        "Use only unaccented letters (a to z), digits, dots, hyphens and "
        "underscores, starting and ending with a letter or a digit."
    ),
    code="invalid_username",
)


def validate_username_length(value: str) -> None:
    if len(value) > USERNAME_MAX_LENGTH:
        raise ValidationError(
            _("Use at most %(max)d characters."),
            code="username_too_long",
            params={"max": USERNAME_MAX_LENGTH},
        )


# Read by allauth through ACCOUNT_USERNAME_VALIDATORS.
USERNAME_VALIDATORS = [username_validator, validate_username_length]


def validate_ascii_email(value: str) -> None:
    """Refuses addresses with characters outside ASCII, such as look-alike letters
    in the domain, which would let an address pass for another one."""
    if not value.isascii():
        raise ValidationError(
            _(
                "Use an address made only of unaccented letters, digits and the usual "
                "signs (such as . - _ @)."
            ),
            code="invalid_email",
        )


# Far more than any passphrase or password manager needs (long passwords stay
# welcome), far less than the megabyte an attacker may send to be hashed.
PASSWORD_MAX_LENGTH = 4096


class MaximumLengthValidator:
    """Refuses passwords longer than ``max_length`` characters (first of
    ``AUTH_PASSWORD_VALIDATORS``, so a password is refused before any hashing)."""

    def __init__(self, max_length: int = PASSWORD_MAX_LENGTH) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long: use at most %(max_length)d "
                    "character (it has %(length)d).",
                    "This password is too long: use at most %(max_length)d "
                    "characters (it has %(length)d).",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length, "length": len(password)},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password can’t be longer than %(max_length)d character.",
            "Your password can’t be longer than %(max_length)d characters.",
            self.max_length,
        ) % {"max_length": self.max_length}
