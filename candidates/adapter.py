"""How django-allauth behaves on this site: sign-up only under a published Data
Protection Agreement, links on the site's own address, e-mails through the tasks
API, client addresses as the rest of the site reads them, redirects only within
the site."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from home.i18n import home_url
from home.spam import client_address

from .consent import current_agreement
from .emails import send_account_email, site_url
from .languages import current_language
from .models import User
from .validators import validate_ascii_email

# Context that allauth builds from the request (and so from its Host header).
_REQUEST_BUILT = ("request", "current_site", "signup_url", "password_reset_url")


_WRONG_CREDENTIALS = _(
    "The username or e-mail address, or the password, is not correct. Check them "
    "and try again."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _WRONG_CREDENTIALS,
        "username_password_mismatch": _WRONG_CREDENTIALS,
        # Sign-up never says it (enumeration prevention): only the change of an
        # address to one that another account verified meanwhile.
        "email_taken": _(
            "An account already uses this e-mail address. Forgotten your username "
            "or password? The log-in page helps you get them back."
        ),
        "incorrect_code": _(
            "This is not the code we sent. Check the newest e-mail from us and type "
            "its code again."
        ),
        "username_taken": _("This username is already taken. Please choose another."),
        "too_many_login_attempts": _(
            "Too many failed log-ins from your connection. Please wait a few "
            "minutes, then try again."
        ),
        "invalid_password_reset": _(
            "This link to choose a new password does not work any more."
        ),
        "enter_current_password": _("Type your current password."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """No account without consent: sign-up waits for a published agreement."""
        return current_agreement() is not None

    def new_user(self, request: HttpRequest) -> User:
        """A new account speaks the language of the sign-up page."""
        user = super().new_user(request)
        user.language = current_language()
        return user

    def clean_email(self, email: str) -> str:
        validate_ascii_email(email)
        return email

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_address(request)

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        )
        return site_url(path.replace("UID-KEY", quote(key)))

    def is_safe_url(self, url: str | None) -> bool:
        """Only a path of this site: ``next`` is kept through sign-up, the code
        page and log-in, then followed."""
        return (
            bool(url)
            and url.isprintable()
            and url_has_allowed_host_and_scheme(
                url, allowed_hosts=None, require_https=False
            )
        )

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The home page in the page's language, when no ``next`` says where to go
        (the bare "/" answers a "not found" before its redirect, which would read
        the "you are logged in" message)."""
        return home_url(current_language())

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """The home page in the page's language (the bare "/" answers a "not
        found" before its redirect, which would read the "logged out" message)."""
        return home_url(current_language())

    def respond_email_verification_sent(
        self, request: HttpRequest, user: User | None
    ) -> HttpResponseRedirect:
        """The code page, with where the candidate was going (``next``) so that
        it can say so; the same answer whether the address had an account."""
        url = reverse("account_email_verification_sent")
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(
            REDIRECT_FIELD_NAME
        )
        if self.is_safe_url(next_url):
            url = f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
        return HttpResponseRedirect(url)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        name = template_prefix.rsplit("/", 1)[-1]
        context: dict[str, Any] = {
            key: value
            for key, value in context.items()
            if key not in _REQUEST_BUILT
            or (key == "password_reset_url" and name == "password_reset_key")
        }
        if "code" in context:
            context["code_minutes"] = (
                app_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT // 60
            )
            context["link_url"] = self.verification_link(email, context.get("user"))
            context["link_days"] = app_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS
        user = context.get("user")
        send_account_email(name, email, context, language=getattr(user, "language", ""))

    def verification_link(self, email: str, user: User | None) -> str:
        """A link that verifies ``email`` too, for a candidate who reads the code's
        e-mail later, once the code has expired or the tab is closed: it works for
        ``ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS`` and, once the address is
        verified, leads where the candidate was going (``next``: the application
        to an offer), through the log-in page if need be. Empty for an address
        already verified."""
        address = (
            EmailAddress.objects.filter(user=user, email__iexact=email, verified=False)
            .order_by("pk")
            .first()
            if user is not None
            else None
        )
        if address is None:
            return ""
        path = reverse(
            "accounts:confirm_email", kwargs={"key": EmailConfirmationHMAC(address).key}
        )
        request = self.request
        next_url = (
            request.POST.get(REDIRECT_FIELD_NAME)
            or request.GET.get(REDIRECT_FIELD_NAME)
            if request is not None
            else None
        )
        if self.is_safe_url(next_url):
            path = f"{path}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
        return site_url(path)

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        # An address that another account took meanwhile cannot become this one's.
        taken = (
            User.objects.filter(email__iexact=email_address.email)
            .exclude(pk=email_address.user_id)
            .exists()
        )
        if taken:
            self.add_message(
                request,
                messages.ERROR,
                "account/messages/email_confirmation_failed.txt",
                {"email": email_address.email},
            )
            return False
        return super().confirm_email(request, email_address)
