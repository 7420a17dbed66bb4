"""Two submissions of the same application at the same moment (a double click on
two servers) create one application and one pair of e-mails, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.choices import Status
from applications.factories import DocumentFactory
from applications.models import Application
from candidates.factories import EmailAddressFactory, UserFactory
from core.models import OutgoingEmail
from home.factories import make_site_root
from home.models import PortalSettings
from offers.factories import OfferIndexPageFactory, OfferPageFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_creates_one_application():
    home = make_site_root()
    portal_settings = PortalSettings.for_site(home.get_site())
    portal_settings.hr_email = "hr@example.com"
    portal_settings.save()
    offer = OfferPageFactory(parent=OfferIndexPageFactory(parent=home))
    user = UserFactory(username="racer", first_name="Ra", last_name="Cer")
    EmailAddressFactory(user=user)
    cv = DocumentFactory(owner=user)
    url = reverse("applications:apply", kwargs={"slug": offer.slug})
    data = {"first_name": "Ra", "last_name": "Cer", "cv": cv.pk, "submit": "1"}
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def submit() -> None:
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert statuses == [302] * 4
    assert Application.objects.filter(candidate=user).count() == 1
    assert Application.objects.get().status == Status.SUBMITTED
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(
        [["hr@example.com"], [user.email]]
    )
