"""The contact form's fields: single-line fields refuse line breaks (no header
injection) and a honeypot field catches robots."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "website"


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
    """Adds the honeypot check to every contact form."""

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
        return cleaned_data


class ContactFormBuilder(FormBuilder):
    """Builds the contact form editors designed, hardened against spam."""

    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        form_field.validators.append(validate_single_line)
        form_field.widget = SingleLineTextInput(attrs=form_field.widget.attrs)
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
        return fields

    def get_form_class(self):
        return type("ContactForm", (ContactBaseForm,), self.formfields)
