"""The forms of the data rights: the optional consents, the renewal of the Data
Protection Agreement's acceptance, and the password asked before an erasure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from candidates.consent import (
    optional_consent_states,
    record_consent,
    record_optional_consents,
)
from candidates.forms import optional_consent_answers, optional_consent_fields
from candidates.lockout import check_current_password
from candidates.models import OptionalConsent, User
from home.models import DataProtectionPage


class OptionalConsentsForm(forms.Form):
    """The optional consents of a candidate, each an unticked checkbox unless
    already given; saving records only the answers that changed."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        states = optional_consent_states(user)
        self.fields.update(
            optional_consent_fields(
                {purpose: bool(row and row.granted) for purpose, row in states.items()}
            )
        )

    def optional_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("optional_")]

    def save(self) -> list[OptionalConsent]:
        return record_optional_consents(self.user, optional_consent_answers(self))


class RenewConsentForm(OptionalConsentsForm):
    """The acceptance of a new version of the Data Protection Agreement, with the
    optional consents; saved together or not at all."""

    accept_data_protection = forms.BooleanField(
        label=_("I accept the Data Protection Agreement"),
        required=True,
        error_messages={
            "required": _(
                "To go on using your account, tick the box to accept the Data "
                "Protection Agreement."
            )
        },
    )

    def __init__(
        self, *args: Any, agreement: DataProtectionPage, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.order_fields(["accept_data_protection"])

    def save(self) -> list[OptionalConsent]:
        with transaction.atomic():
            record_consent(self.user, self.agreement)
            return super().save()


class DeleteAccountForm(forms.Form):
    """The password, asked again before the account is erased."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that you are the owner of the account."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        """Checked as a log-in: wrong passwords lock the account (axes), and a
        locked account gets the lock-out page whatever it types."""
        password = self.cleaned_data["password"]
        if not check_current_password(self.user, password):
            raise forms.ValidationError(
                _("This is not your password. Nothing was deleted."),
                code="wrong_password",
            )
        return password
