"""The contact form's fields: single-line fields refuse line breaks (no header
injection), a honeypot field catches robots, and a message must be of a
reasonable length, with few links, sent no sooner than a person could write it."""

from __future__ import annotations

import re
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_stamp"
STAMP_SALT = "home.contact.stamp"
# How long a shown form may wait before it is sent (a refused one comes back
# with a new stamp, and what was typed, to be sent again).
STAMP_MAX_AGE = 24 * 60 * 60

# A web address: "http(s)://…", or "www.…" that is not part of one already.
LINK = re.compile(r"(?:\bhttps?://|(?<![\w./@])www\.)", re.IGNORECASE)


def make_stamp(now: float | None = None) -> str:
    """A signed note of when the form was shown (``now``, by default the
    present), which no one can forge or move back."""
    return signing.dumps(time.time() if now is None else now, salt=STAMP_SALT)


def count_links(values: list[Any]) -> int:
    """The web addresses in the text values given."""
    return sum(len(LINK.findall(value)) for value in values if isinstance(value, str))


class StampField(forms.CharField):
    """The hidden stamp: the posted one is checked, and the form, when shown
    again, carries a new one (a refused stamp is never sent back)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial


def validate_single_line(value: str) -> None:
    """Refuses line breaks and NUL bytes, which could forge e-mail headers."""
    if any(char in str(value) for char in "\r\n\x00"):
        raise ValidationError(_("This field must fit on one line."), code="single_line")


class SingleLineInputMixin:
    """Shows a value sent with line breaks on one line, as HTML requires."""

    def format_value(self, value):
        value = super().format_value(value)
        if value is None:
            return None
        return " ".join(str(value).replace("\x00", " ").splitlines())


class SingleLineTextInput(SingleLineInputMixin, forms.TextInput):
    pass


class SingleLineEmailInput(SingleLineInputMixin, forms.EmailInput):
    pass


class ContactBaseForm(BaseForm):
    """Adds the checks against robots to every contact form: the honeypot, the
    time between showing and sending (``CONTACT_MIN_SECONDS``, 0 for none) and
    the number of links (``CONTACT_MAX_LINKS``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if STAMP_FIELD in self.fields:
            self.fields[STAMP_FIELD].initial = make_stamp()

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(
                _(
                    "Your message looks automated and was not sent. If you are a "
                    "person, leave the field “Leave this field empty” empty and "
                    "send it again."
                ),
                code="spam",
            )
        cleaned_data.pop(HONEYPOT_FIELD, None)
        self.check_stamp(cleaned_data.pop(STAMP_FIELD, ""))
        self.check_links(cleaned_data)
        return cleaned_data

    def check_stamp(self, stamp: str) -> None:
        """Refuses a form sent too soon after it was shown, or whose stamp is
        missing, forged or too old."""
        minimum = settings.CONTACT_MIN_SECONDS
        if minimum <= 0:
            return
        try:
            shown_at = float(
                signing.loads(stamp or "", salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise ValidationError(
                _(
                    "This form was open for too long or could not be checked: "
                    "please check your message and send it again."
                ),
                code="stale_form",
            ) from None
        if time.time() - shown_at < minimum:
            raise ValidationError(
                _("That was quick: please check your message and send it again."),
                code="too_quick",
            )

    def check_links(self, cleaned_data: dict[str, Any]) -> None:
        """Refuses a message with more web addresses than ``CONTACT_MAX_LINKS``
        in all its fields together."""
        limit = settings.CONTACT_MAX_LINKS
        count = count_links(list(cleaned_data.values()))
        if count > limit:
            raise ValidationError(
                ngettext(
                    "Your message contains %(count)d web address; at most "
                    "%(limit)d are accepted. Please remove some and send it again.",
                    "Your message contains %(count)d web addresses; at most "
                    "%(limit)d are accepted. Please remove some and send it again.",
                    count,
                ),
                code="too_many_links",
                params={"count": count, "limit": limit},
            )


class ContactFormBuilder(FormBuilder):
    """Builds the contact form editors designed, hardened against spam."""

    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        form_field.validators.append(validate_single_line)
        form_field.widget = SingleLineTextInput(attrs=form_field.widget.attrs)
        return form_field

    def create_multiline_field(self, field, options):
        form_field = super().create_multiline_field(field, options)
        form_field.validators.append(
            MaxLengthValidator(
                settings.CONTACT_MESSAGE_MAX_LENGTH,
                _(
                    "This is too long: %(show_value)d characters, for at most "
                    "%(limit_value)d. Please shorten it."
                ),
            )
        )
        return form_field

    def create_email_field(self, field, options):
        form_field = super().create_email_field(field, options)
        form_field.validators.append(validate_single_line)
        form_field.widget = SingleLineEmailInput(attrs=form_field.widget.attrs)
        return form_field

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        fields[STAMP_FIELD] = StampField()
        return fields

    def get_form_class(self):
        return type("ContactForm", (ContactBaseForm,), self.formfields)


class ColourInput(forms.TextInput):
    """The browser's colour picker, for the brand colours of the site settings."""

    input_type = "color"
