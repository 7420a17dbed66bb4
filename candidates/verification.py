"""E-mail verification, required before a candidate's first application.

Browsing and preparing a profile need none. The applications app guards its
"apply" and "submit" views with ``verified_email_required``::

    from candidates.verification import verified_email_required

    @verified_email_required
    def apply(request, slug): ...

An unverified candidate then gets a fresh verification link by e-mail and a page
that explains why (``account/verified_email_required.html``); a visitor who is
not logged in is sent to the log-in page and comes back afterwards.
"""

from __future__ import annotations

from allauth.account.decorators import (
    verified_email_required as _allauth_verified_email_required,
)
from allauth.account.models import EmailAddress

from .models import User

verified_email_required = _allauth_verified_email_required


def has_verified_email(user: User) -> bool:
    """Whether the account's e-mail address has been verified."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
