"""Lock-out per account with django-axes, whatever name the account was typed as.

Candidates log in by username or e-mail; staff log in to the Wagtail admin by
username. axes counts failures per key, so both are turned into one key per
account: its username in lower case (or what was typed, for unknown accounts,
which are locked just the same and so reveal nothing).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.utils import reset
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import User
from .validators import PASSWORD_MAX_LENGTH

_MAX_KEY_LENGTH = 254


def _typed_login(request: HttpRequest | None, credentials: dict | None) -> str:
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username")
    if typed is None and request is not None:
        data = getattr(request, "POST", {})
        typed = data.get("login") or data.get("username")
    return str(typed or "").replace("\x00", "").strip()[:_MAX_KEY_LENGTH]


def account_key(request: HttpRequest | None, credentials: dict | None) -> str:
    """The key axes counts failures under (``AXES_USERNAME_CALLABLE``)."""
    typed = _typed_login(request, credentials)
    if not typed:
        return ""
    known = getattr(request, "_account_keys", None) if request is not None else None
    if known is not None and typed in known:
        return known[typed]
    user = (
        User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
        .order_by("pk")
        .only("username")
        .first()
    )
    key = (user.username if user else typed).lower()
    if request is not None:
        if known is None:
            known = request._account_keys = {}
        known[typed] = key
    return key


def check_current_password(user: User, password: str) -> bool:
    """Checks the password a logged-in candidate typed to confirm an action
    ("Delete my account", "Change my password") as a log-in would.

    A wrong password counts as a failed log-in of the account (axes), and a locked
    account is refused without a check: axes marks the request and its middleware
    answers with the lock-out page. A password longer than any allowed one is
    refused at once, never hashed (and not counted: it can be no one's password).
    """
    if len(password) > PASSWORD_MAX_LENGTH:
        return False
    # allauth's reauthentication: authenticate() with the request of the action,
    # through every backend, the lock-out first.
    return get_adapter().reauthenticate(user, password)


def unlock_account(user: User) -> int:
    """Forgets the failed log-ins of ``user`` (after a password reset, say)."""
    return reset(username=user.username.lower())


class LockoutBackend(AxesStandaloneBackend):
    """axes' check, first of the authentication backends.

    Every log-in form of the site passes its request; a call without one (Django's
    test client ``login()``, a script) has no client to count and is not checked.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page shown instead of the log-in once an account is locked
    (``AXES_LOCKOUT_CALLABLE``), on the site and on the admin alike."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0
    return render(
        request,
        "account/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )
