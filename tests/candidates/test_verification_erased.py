"""The guard of the applications when another tab erased the account while a
request ran: the candidate is sent to log in, never shown a server error. Its
own module: the test commits (the database checks its foreign keys then)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.http import HttpResponse

from candidates.factories import UserFactory
from candidates.verification import verified_email_required


@verified_email_required
def apply(request):
    return HttpResponse("application form")


@pytest.mark.django_db(transaction=True)
def test_an_account_erased_while_the_guard_runs_is_sent_to_log_in(rf):
    """Another tab's "Delete my account" ran after this request read the
    candidate: the guard's address row cannot be written (the database refuses
    it when the transaction commits); the candidate is sent to log in, no 500."""
    from allauth.core import context
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from candidates.models import User

    user = UserFactory(username="gone", email="gone@example.org")
    request = rf.get("/en/offers/x/apply/")
    request.user = User.objects.get(pk=user.pk)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    User.objects.filter(pk=user.pk).delete()
    with context.request_context(request):
        response = apply(request)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/?next=/en/offers/x/apply/"
    assert [str(m) for m in get_messages(request)] == ["Your account no longer exists."]
    assert not EmailAddress.objects.exists()
