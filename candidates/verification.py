"""E-mail verification: every account's address is verified by a code before the
account can log in (``ACCOUNT_EMAIL_VERIFICATION = "mandatory"``, by code).

Sign-up and the log-in of an account whose address is not verified yet (one from
before codes) lead to allauth's code page (``account/confirm_email_verification_code
.html``), then on to where the candidate was going (``next``). The applications app
still guards its views with ``verified_email_required``, a safety net for a session
opened before verification became mandatory::

    from candidates.verification import verified_email_required

    @verified_email_required
    def apply(request, slug): ...

A visitor who is not logged in is sent to the log-in page and comes back afterwards;
an unverified candidate is e-mailed a code and sent to the code page, then back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account import forms as allauth_forms
from allauth.account.decorators import (
    verified_email_required as allauth_verified_email_required,
)
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.views import ConfirmEmailView
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .models import User


def verified_email_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """allauth's guard, except for an account erased while the request ran
    (another tab's "Delete my account"): allauth would write an address row for
    it, which the database refuses, and the candidate would read a server error.
    The session is emptied instead and the visitor sent to the log-in page."""
    guarded = allauth_verified_email_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return guarded(request, *args, **kwargs)
        except IntegrityError:
            if User.objects.filter(pk=request.user.pk).exists():
                raise
            request.session.flush()
            messages.error(request, _("Your account no longer exists."))
            return redirect_to_login(request.get_full_path())

    return wrapper


def has_verified_email(user: User) -> bool:
    """Whether the account's e-mail address has been verified."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()


class VerificationCodeForm(allauth_forms.ConfirmEmailVerificationCodeForm):
    """The code of the verification e-mail, typed on a phone's digit keyboard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code from the e-mail")
        code.help_text = _("6 digits.")
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update(
            inputmode="numeric",
            autocomplete="one-time-code",
            autocapitalize="none",
            spellcheck="false",
            maxlength="32",
        )


class LinkConfirmEmailView(ConfirmEmailView):
    """The page of a verification link e-mailed before codes replaced links: such a
    link keeps working for ``ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS``."""

    def get_object(self, queryset=None) -> EmailConfirmationHMAC:
        confirmation = EmailConfirmationHMAC.from_key(self.kwargs["key"])
        if confirmation is None:
            raise Http404
        return confirmation
