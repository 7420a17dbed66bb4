"""The e-mails of the account flows, each a ``templates/emails/account/<name>``
trio (``_subject.txt``, ``.txt``, ``.html``), queued in the site's outbox
(``core.outbox``) and sent once the transaction of the flow commits."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin
from uuid import uuid4

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from core.outbox import queue_email, render_subject
from home.models import PortalSettings

from .languages import language_of_address, supported_language
from .models import User


def site_url(path: str) -> str:
    """An absolute link on the site's own address (``BASE_URL``), never on the
    host a request claimed to be for."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def organisation_name() -> str:
    """The employer's name from the default site's settings."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return PortalSettings.for_site(site).organisation_name


def send_account_email(
    name: str, to: str, context: dict[str, Any], language: str = ""
) -> None:
    """Renders ``emails/account/<name>`` for the address ``to`` and queues it; each
    call queues a new e-mail (asking twice for a reset link sends two).

    Written in ``language``, by default the language of the address's account, or
    the current one for an address without an account.
    """
    language = supported_language(language) if language else language_of_address(to)
    with translation.override(language):
        _queue_account_email(name, to, context)


def _queue_account_email(name: str, to: str, context: dict[str, Any]) -> None:
    context = {
        "email": to,
        "organisation_name": organisation_name(),
        "site_url": site_url("/"),
        "login_url": site_url(reverse("account_login")),
        "signup_url": site_url(reverse("account_signup")),
        "password_reset_url": site_url(reverse("account_reset_password")),
        "forgot_username_url": site_url(reverse("accounts:forgot_username")),
        **context,
    }
    prefix = f"emails/account/{name}"
    queue_email(
        key=f"account-{name}-{uuid4().hex}",
        to=[to],
        subject=render_subject(f"{prefix}_subject.txt", context),
        body=render_to_string(f"{prefix}.txt", context),
        html=render_to_string(f"{prefix}.html", context),
    )


def send_username_reminder(email: str) -> None:
    """E-mails the usernames of the active accounts using ``email``, or says that
    none does: the sender learns nothing either way, only the mailbox's owner."""
    usernames = list(
        User.objects.filter(email__iexact=email, is_active=True)
        .order_by("username")
        .values_list("username", flat=True)
    )
    send_account_email("forgot_username", email, {"usernames": usernames})
