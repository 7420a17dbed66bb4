"""An erasure racing with a submission (PostgreSQL, real transactions): whichever
takes the account's lock first, nothing of the candidate is left."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from applications.models import Application
from candidates.factories import EmailAddressFactory, UserFactory
from candidates.models import Document, User
from core.models import OutgoingEmail
from home.models import PendingDeletion, PortalSettings
from privacy.erasure import erase_candidate

from .privacy_world import private_dir, stored_files

__all__ = ["private_dir"]


def race(offer, *, first: str) -> int:
    """A candidate submits an application (with a new CV) while their account is
    erased; ``first`` says which takes the lock first ("erasure", "submission")
    or "either". Returns the erased account's id."""
    import threading
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction

    from applications import services
    from applications.factories import PDF

    user = UserFactory(username=f"racer-{first}", first_name="Rapid", last_name="Racer")
    EmailAddressFactory(user=user)
    url = reverse("applications:apply", kwargs={"slug": offer.slug})
    locked = threading.Event()
    barrier = threading.Barrier(2)
    statuses: list[int] = []
    errors: list[BaseException] = []
    submit_application = services.submit_application

    def slow_submit(application, candidate):
        # The submission holds the account's lock: the erasure waits for it.
        submit_application(application, candidate)
        locked.set()
        time.sleep(0.5)

    def submit() -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            if first == "erasure":
                locked.wait(10)
            data = {
                "first_name": "Rapid",
                "last_name": "Racer",
                "cv_upload": SimpleUploadedFile("cv.pdf", PDF, "application/pdf"),
                "submit": "1",
            }
            statuses.append(client.post(url, data).status_code)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def erase() -> None:
        try:
            barrier.wait()
            if first == "submission":
                locked.wait(10)
            with transaction.atomic():
                if first == "erasure":
                    User.objects.select_for_update().get(pk=user.pk)
                    locked.set()
                    time.sleep(0.5)  # the submission now waits for the lock
                erase_candidate(user)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(
        services,
        "submit_application",
        slow_submit if first == "submission" else submit_application,
    ):
        threads = [threading.Thread(target=submit), threading.Thread(target=erase)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert errors == []
    # Sent, refused (to the list) or, when the erasure deleted the session
    # under the request, Django's 400 for an interrupted session.
    assert statuses in ([302], [400])
    return user.pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_erasure_racing_with_a_submission_leaves_nothing(private_dir):
    from home.factories import make_site_root
    from offers.factories import OfferIndexPageFactory, OfferPageFactory

    home = make_site_root()
    settings_row = PortalSettings.for_site(home.get_site())
    settings_row.hr_email = "hr@example.com"
    settings_row.save()
    index = OfferIndexPageFactory(parent=home)
    outcomes = []
    for first in ("erasure", "submission", "either", "either", "either"):
        offer = OfferPageFactory(parent=index)
        pk = race(offer, first=first)
        assert not User.objects.filter(pk=pk).exists()
        assert not Document.objects.filter(owner_id=pk).exists()
        assert not Application.objects.filter(candidate_id=pk).exists()
        sent = Application.objects.filter(offer=offer)
        assert not sent.exclude(first_name="", cv=None, anonymised_at__isnull=False)
        outcomes.append(sent.count())
    assert outcomes[:2] == [0, 1]  # refused; sent then anonymised
    # No file, no pending deletion, no e-mail row that names a racer.
    assert stored_files(private_dir) == set()
    assert not PendingDeletion.objects.exists()
    for email in OutgoingEmail.objects.all():
        assert "Racer" not in email.body + email.html + email.subject
        if "racer-" in str(email.to):
            assert email.key.startswith("account-erased-")
