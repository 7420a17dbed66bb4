"""Forms of the account flows and of the candidate space.

Every form names the fields it accepts: anything else a request carries (such as
``is_staff``) is ignored.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    RegexValidator,
)
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .consent import (
    current_agreement,
    record_consent,
    record_optional_consents,
)
from .lockout import check_current_password
from .models import CandidateProfile, Education, Experience, OptionalConsent, User
from .validators import PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_VALIDATORS

PASSWORD_HELP = _(
    "At least 8 characters, not only digits, not a common password and not close "
    "to your name or e-mail address."
)


def _drop_placeholders(form: forms.BaseForm) -> None:
    """Labels say what to type; placeholders would only repeat them."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


# What each optional consent means for the candidate, under its checkbox.
OPTIONAL_CONSENT_HELP = {
    OptionalConsent.Purpose.TALENT_POOL: _(
        "Optional. When an application is declined, HR may keep your profile and "
        "contact you about other offers. You can change your answer at any time in "
        "My parameters."
    ),
}


def optional_consent_fields(
    granted: Mapping[str, bool] | None = None,
) -> dict[str, forms.BooleanField]:
    """One unticked, optional checkbox per optional consent (ticked only where
    ``granted`` says the candidate already gave it), named ``optional_<purpose>``."""
    granted = granted or {}
    return {
        f"optional_{purpose}": forms.BooleanField(
            label=label,
            required=False,
            initial=granted.get(purpose, False),
            help_text=OPTIONAL_CONSENT_HELP.get(purpose, ""),
        )
        for purpose, label in OptionalConsent.Purpose.choices
    }


def optional_consent_answers(form: forms.BaseForm) -> dict[str, bool]:
    """The answers of a form's optional consent checkboxes, by purpose."""
    return {
        purpose: bool(form.cleaned_data.get(f"optional_{purpose}"))
        for purpose in OptionalConsent.Purpose.values
    }


class SignupForm(allauth_forms.SignupForm):
    """Sign-up: identity, credentials and the acceptance of the Data Protection
    Agreement, saved together or not at all."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    accept_data_protection = forms.BooleanField(
        required=True,
        error_messages={
            "required": _(
                "To create an account, tick the box to accept the Data Protection "
                "Agreement."
            )
        },
    )

    field_order = [
        "first_name",
        "last_name",
        "username",
        "email",
        "password1",
        "accept_data_protection",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        # Optional consents after the required one, all unticked.
        self.fields.update(optional_consent_fields())
        self.agreement = current_agreement()
        username = self.fields["username"]
        username.help_text = _(
            "You will log in with it. Unaccented letters, digits, dots, hyphens and "
            "underscores."
        )
        username.widget.attrs.update(
            maxlength=str(USERNAME_MAX_LENGTH),
            autocapitalize="none",
            spellcheck="false",
        )
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _(
            "We e-mail you a code to verify it on the next page."
        )
        self.fields["password1"].help_text = PASSWORD_HELP
        consent = self.fields["accept_data_protection"]
        consent.label = _("I have read and I accept the Data Protection Agreement")
        if self.agreement is not None:
            consent.help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                self.agreement.url,
                _("Read the Data Protection Agreement (opens in a new tab)"),
            )

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.agreement is None:
            self.add_error(None, _("Sign-up is closed for the moment."))
        return cleaned_data

    def try_save(self, request: HttpRequest):
        if self.account_already_exists:
            # Hash the password all the same: no account is made, but the answer
            # takes as long as a new account's.
            make_password(self.cleaned_data.get("password1"))
        try:
            return super().try_save(request)
        except IntegrityError as error:
            # Another sign-up took the same username or address in the meantime.
            self.add_error(
                None,
                _(
                    "This username or e-mail address has just been taken. Please "
                    "choose another username."
                ),
            )
            raise ImmediateHttpResponse(
                TemplateResponse(request, "account/signup.html", {"form": self})
            ) from error

    def save(self, request: HttpRequest) -> User:
        with transaction.atomic():
            user = super().save(request)
            CandidateProfile.objects.create(user=user)
            record_consent(user, self.agreement)
            record_optional_consents(user, optional_consent_answers(self))
        return user


class LoginForm(allauth_forms.LoginForm):
    """Log-in by username or e-mail address, with "Remember me"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        login = self.fields["login"]
        login.label = _("Username or e-mail address")
        login.validators.append(MaxLengthValidator(254))
        login.widget.attrs.update(
            autocomplete="username",
            autocapitalize="none",
            spellcheck="false",
            maxlength="254",
        )
        self.fields["password"].help_text = ""
        self.fields["remember"].label = _("Remember me on this device")

    def clean(self) -> dict[str, Any]:
        login = self.cleaned_data.get("login")
        password = self.cleaned_data.get("password") or ""
        if login and len(password) > PASSWORD_MAX_LENGTH:
            # No account has such a password: refused before anything hashes it,
            # with the message of any wrong password.
            method = "email" if "@" in login else "username"
            raise get_adapter(self.request).validation_error(
                f"{method}_password_mismatch"
            )
        return super().clean()


class AddEmailForm(allauth_forms.AddEmailForm):
    """A new e-mail address for the account, used once it is verified."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        self.fields["email"].label = _("New e-mail address")
        self.fields["email"].help_text = _(
            "We send a link to this address; it replaces the current one once you "
            "follow the link."
        )

    def clean_email(self) -> str:
        value = super().clean_email()
        taken = (
            User.objects.filter(email__iexact=value).exclude(pk=self.user.pk).exists()
            or EmailAddress.objects.filter(email__iexact=value)
            .exclude(user=self.user)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _("Another account uses this e-mail address."), code="email_taken"
            )
        return value


class HouseStyleMixin:
    """allauth's password and e-mail forms with the site's labels: no placeholders,
    plain help text (the error summary and field component do the rest)."""

    labels: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _drop_placeholders(self)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
        if "password1" in self.fields:
            self.fields["password1"].help_text = PASSWORD_HELP
        if "oldpassword" in self.fields:
            self.fields["oldpassword"].help_text = ""


class ChangePasswordForm(HouseStyleMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password again"),
    }

    def clean_oldpassword(self) -> str:
        """The current password, checked as a log-in: wrong ones lock the account."""
        password = self.cleaned_data.get("oldpassword", "")
        if not check_current_password(self.user, password):
            raise get_adapter().validation_error("enter_current_password")
        return password


class SetPasswordForm(HouseStyleMixin, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Password again")}


class ResetPasswordForm(HouseStyleMixin, allauth_forms.ResetPasswordForm):
    labels = {"email": _("E-mail address")}


class ResetPasswordKeyForm(HouseStyleMixin, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("New password again")}


class ReauthenticateForm(HouseStyleMixin, allauth_forms.ReauthenticateForm):
    labels = {"password": _("Password")}

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not check_current_password(self.user, password):
            raise get_adapter().validation_error("incorrect_password")
        return password


class ForgotUsernameForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address of your account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ChangeUsernameForm(forms.ModelForm):
    """A new username, unique regardless of case."""

    class Meta:
        model = User
        fields = ["username"]
        labels = {"username": _("New username")}
        help_texts = {
            "username": _(
                "Unaccented letters, digits, dots, hyphens and underscores, at least 3."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.min_length = 3
        field.validators = [*field.validators, *USERNAME_VALIDATORS]
        field.widget.attrs.update(
            maxlength=str(USERNAME_MAX_LENGTH),
            minlength="3",
            autocomplete="username",
            autocapitalize="none",
            spellcheck="false",
        )

    def clean_username(self) -> str:
        value = self.cleaned_data["username"]
        if len(value) < 3:
            raise forms.ValidationError(_("Use at least 3 characters."))
        taken = (
            User.objects.filter(username__iexact=value)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _("This username is already taken."), code="username_taken"
            )
        return value


class LanguageForm(forms.ModelForm):
    """The language of the candidate's e-mails."""

    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Language of my e-mails")}
        help_texts = {
            "language": _(
                "We write to you in this language: codes, application news and job "
                "alerts."
            )
        }
        widgets = {"language": forms.RadioSelect(attrs={"id": "account-language"})}
        error_messages = {
            "language": {
                "required": _("Choose the language of your e-mails."),
                "invalid_choice": _("Choose one of the languages of the list."),
            }
        }


phone_validator = RegexValidator(
    r"\A\+?[0-9 ().-]{6,25}\Z",
    _("Enter a phone number with digits, spaces and an optional + in front."),
)


class ProfileForm(forms.ModelForm):
    """Identity (on the account) and contact details (on the profile) together."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    website = forms.URLField(
        label=_("Website or online profile"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=CandidateProfile._meta.get_field("website").help_text,
        # Text, not type="url": a refused value is shown again as typed, which a
        # url input may not hold.
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}
        ),
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "headline",
            "phone",
            "address",
            "postal_code",
            "city",
            "country",
            "website",
            "summary",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "address": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    field_order = ["first_name", "last_name", "headline"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["phone"].validators.append(phone_validator)

    def save(self, commit: bool = True) -> CandidateProfile:
        user = self.instance.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        with transaction.atomic():
            user.save(update_fields=["first_name", "last_name"])
            return super().save(commit=commit)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = [
            "job_title",
            "employer",
            "location",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        earliest = datetime.date(1900, 1, 1)
        latest = timezone.localdate() + datetime.timedelta(days=5 * 366)
        for name in ("start_date", "end_date"):
            value = cleaned_data.get(name)
            if value and not earliest <= value <= latest:
                self.add_error(
                    name, _("Enter a date between 1900 and five years ahead.")
                )
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return cleaned_data


def _year_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1900,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class EducationForm(forms.ModelForm):
    start_year = _year_field(_("Start year"))
    end_year = _year_field(
        _("Year obtained"), _("Or the year you expect to obtain it.")
    )

    class Meta:
        model = Education
        fields = [
            "qualification",
            "institution",
            "field_of_study",
            "start_year",
            "end_year",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        latest = timezone.localdate().year + 10
        for name in ("start_year", "end_year"):
            self.fields[name].validators.append(MaxValueValidator(latest))
            self.fields[name].widget.attrs["max"] = str(latest)

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start_year"), cleaned_data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The year obtained comes before the start."))
        return cleaned_data
