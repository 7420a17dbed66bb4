"""Applying: drafts, resuming, submitting once, speculative applications, closed
offers, e-mails sent once, and nobody using another candidate's data."""

from __future__ import annotations

from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationFactory
from applications.models import Application, StatusChange
from candidates.factories import UserFactory
from candidates.models import Document
from core.models import OutgoingEmail
from core.tasks import deliver_email
from offers.factories import JobFamilyFactory, LocationFactory

from .world import PNG, ApplicationsTestCase, upload


class ApplyTests(ApplicationsTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)
        self.url = reverse("applications:apply", kwargs={"slug": self.offer.slug})

    def form(self, **data):
        return {
            "first_name": "Jane",
            "last_name": "Doe",
            "phone": "",
            "message": "",
            **data,
        }

    def test_the_offer_page_leads_to_the_apply_form(self):
        response = self.client.get(self.offer.url)
        self.assertContains(response, f'href="{self.url}"')

    def test_the_form_is_prefilled_from_the_profile(self):
        self.cv_of(self.candidate, name="Main CV")
        response = self.client.get(self.url)
        self.assertContains(response, 'value="Jane"')
        self.assertContains(response, "+33 6 00 00 00 00")
        self.assertContains(response, "Main CV")

    def test_anonymous_visitors_log_in_first(self):
        self.client.logout()
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response["Location"])

    def test_draft_then_resume_then_submit(self):
        cv = self.cv_of(self.candidate)
        response = self.client.post(
            self.url, self.form(cv=cv.pk, message="Hello", draft="1")
        )
        self.assertRedirects(response, self.url)
        application = Application.objects.get()
        self.assertEqual(application.status, Status.DRAFT)
        self.assertEqual(application.message, "Hello")
        self.assertContains(self.client.get(self.url), "resuming your draft")
        self.assertContains(
            self.client.get(reverse("applications:list")), "Draft, not sent"
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.url, self.form(cv=cv.pk, message="Hello!", submit="1")
            )
        self.assertRedirects(response, application.get_absolute_url())
        application.refresh_from_db()
        self.assertEqual(application.status, Status.SUBMITTED)
        self.assertEqual(application.offer_reference, self.offer.reference)
        self.assertIsNotNone(application.submitted_at)
        self.assertEqual(Application.objects.count(), 1)
        self.assertEqual(
            list(StatusChange.objects.values_list("from_status", "to_status")),
            [(Status.DRAFT, Status.SUBMITTED)],
        )
        recipients = sorted(message.to[0] for message in mail.outbox)
        self.assertEqual(recipients, ["hr@example.com", "jane@example.org"])
        for message in mail.outbox:
            self.assertEqual(message.alternatives[0][1], "text/html")
        self.assertEqual(OutgoingEmail.objects.filter(sent_at__isnull=False).count(), 2)

    def test_a_retried_email_task_sends_nothing_twice(self):
        cv = self.cv_of(self.candidate)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, self.form(cv=cv.pk, submit="1"))
        self.assertEqual(len(mail.outbox), 2)
        for email in OutgoingEmail.objects.all():
            self.assertFalse(deliver_email.call(email_id=email.pk))
        self.assertEqual(len(mail.outbox), 2)

    def test_submit_without_cv_is_refused_and_nothing_is_sent(self):
        response = self.client.post(self.url, self.form(submit="1", first_name=""))
        self.assertContains(response, "error-summary")
        self.assertContains(response, "Choose or upload a CV.")
        self.assertContains(response, "Give your first name.")
        self.assertFalse(Application.objects.exists())

    def test_upload_on_the_spot_joins_the_library(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.url,
                self.form(
                    cv_upload=upload("fresh.pdf"),
                    letter_upload=upload("letter.pdf"),
                    submit="1",
                ),
            )
        application = Application.objects.get()
        self.assertRedirects(response, application.get_absolute_url())
        self.assertEqual(application.cv.name, "fresh")
        self.assertEqual(application.letter.kind, Document.Kind.LETTER)
        self.assertEqual(
            self.stored_files(), {application.cv.key, application.letter.key}
        )

    def test_a_bad_upload_on_the_spot_stores_nothing(self):
        response = self.client.post(
            self.url,
            self.form(
                cv_upload=upload("cv.pdf"),
                letter_upload=upload("x.pdf", PNG),
                submit="1",
            ),
        )
        self.assertContains(response, "error-summary")
        self.assertFalse(Application.objects.exists())
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_a_failure_inside_the_transaction_leaves_no_orphan_file(self):
        from unittest import mock

        with (
            mock.patch(
                "applications.services.submit_application",
                side_effect=RuntimeError("boom"),
            ),
            self.assertRaises(RuntimeError),
        ):
            self.client.post(
                self.url, self.form(cv_upload=upload("cv.pdf"), submit="1")
            )
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_another_candidates_document_cannot_be_used(self):
        theirs = self.cv_of(self.other, name="Bob CV")
        self.cv_of(self.candidate)
        response = self.client.post(self.url, self.form(cv=theirs.pk, submit="1"))
        self.assertContains(response, "Choose one of your own documents.")
        self.assertContains(response, "error-summary")
        self.assertFalse(Application.objects.exists())

    def test_extra_fields_such_as_status_are_ignored(self):
        cv = self.cv_of(self.candidate)
        self.client.post(
            self.url,
            self.form(
                cv=cv.pk,
                draft="1",
                status="hired",
                candidate=self.other.pk,
                speculative="1",
            ),
        )
        application = Application.objects.get()
        self.assertEqual(application.status, Status.DRAFT)
        self.assertEqual(application.candidate, self.candidate)
        self.assertFalse(application.speculative)

    def test_applying_twice_shows_the_application_sent(self):
        cv = self.cv_of(self.candidate)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, self.form(cv=cv.pk, submit="1"))
            # A double click, or the back button and submit again.
            response = self.client.post(
                self.url, self.form(cv=cv.pk, submit="1", message="again")
            )
        application = Application.objects.get()
        self.assertRedirects(response, application.get_absolute_url())
        self.assertEqual(application.message, "")
        self.assertEqual(len(mail.outbox), 2)
        response = self.client.get(self.url, follow=True)
        self.assertContains(response, "already sent this application")

    def test_a_closed_offer_refuses_new_applications(self):
        url = reverse("applications:apply", kwargs={"slug": self.closed_offer.slug})
        self.assertContains(self.client.get(url), "no longer accepts applications")
        cv = self.cv_of(self.candidate)
        response = self.client.post(url, self.form(cv=cv.pk, submit="1"), follow=True)
        self.assertContains(response, "no longer accepts applications")
        self.assertFalse(Application.objects.exists())

    def test_an_offer_closed_meanwhile_keeps_the_draft_readable(self):
        cv = self.cv_of(self.candidate)
        self.client.post(self.url, self.form(cv=cv.pk, message="My draft", draft="1"))
        self.offer.filled = True
        self.offer.save()
        response = self.client.post(
            self.url, self.form(cv=cv.pk, submit="1"), follow=True
        )
        self.assertContains(response, "is closed")
        self.assertContains(response, "My draft")
        self.assertEqual(Application.objects.get().status, Status.DRAFT)

    def test_an_account_not_verified_yet_gets_a_code_before_the_form(self):
        # Accounts verify their address before they can log in; this is a session
        # opened before that: a code, then back to the form.
        unverified = UserFactory(username="newbie", first_name="New", last_name="Bie")
        self.client.force_login(unverified)
        cv = self.cv_of(unverified)
        for request in (self.client.get, self.client.post):
            cache.clear()  # a code per address every few seconds at most
            response = request(self.url, self.form(cv=cv.pk, submit="1"))
            self.assertEqual(response.status_code, 302)
            self.assertTrue(
                response["Location"].startswith("/en/account/confirm-email/")
            )
        self.assertFalse(Application.objects.exists())

    def test_withdraw(self):
        application = ApplicationFactory(
            candidate=self.candidate, offer=self.offer, status=Status.SUBMITTED
        )
        url = reverse("applications:withdraw", args=[application.pk])
        self.client.force_login(self.other)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.client.force_login(self.candidate)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        application.refresh_from_db()
        self.assertEqual(application.status, Status.WITHDRAWN)
        response = self.client.get(application.get_absolute_url())
        self.assertContains(response, "Withdrawn")
        self.assertNotContains(response, "Withdraw my application")


class SpeculativeTests(ApplicationsTestCase):
    url = reverse("applications:speculative")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)

    def test_reachable_from_the_home_page(self):
        self.assertContains(self.client.get("/en/"), self.url)

    def test_speculative_application_with_wishes(self):
        family = JobFamilyFactory(name="Logistics")
        place = LocationFactory(city="Nantes")
        cv = self.cv_of(self.candidate)
        data = {
            "first_name": "Jane",
            "last_name": "Doe",
            "cv": cv.pk,
            "job_families": [family.pk],
            "locations": [place.pk],
        }
        self.client.post(self.url, {**data, "draft": "1"})
        application = Application.objects.get()
        self.assertTrue(application.speculative)
        self.assertEqual(list(application.job_families.all()), [family])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {**data, "submit": "1"})
            self.client.post(self.url, {**data, "submit": "1"})
        self.assertEqual(Application.objects.count(), 1)
        application.refresh_from_db()
        self.assertEqual(application.status, Status.SUBMITTED)
        self.assertEqual(len(mail.outbox), 2)
        self.assertContains(
            self.client.get(reverse("applications:list")),
            "Speculative application",
        )


class MyApplicationsTests(ApplicationsTestCase):
    def test_list_shows_only_mine_with_a_constant_number_of_queries(self):
        url = reverse("applications:list")
        ApplicationFactory(
            candidate=self.other, offer=self.offer, status=Status.SUBMITTED
        )
        self.client.force_login(self.candidate)
        ApplicationFactory(
            candidate=self.candidate, offer=self.offer, status=Status.SUBMITTED
        )
        self.client.get(url)  # warms the site's caches (portal settings)
        with CaptureQueriesContext(connection) as first:
            response = self.client.get(url)
        self.assertContains(response, "Python developer", count=1)
        for _number in range(5):
            self.offer.__class__.objects.get(pk=self.closed_offer.pk)
            ApplicationFactory(
                candidate=self.candidate, speculative=True, status=Status.REJECTED
            )
        with CaptureQueriesContext(connection) as second:
            response = self.client.get(url)
        self.assertContains(response, "Decision: not selected", count=5)
        self.assertEqual(len(first), len(second))
        self.assertLessEqual(len(second), 12)

    def test_nobody_else_reads_an_application(self):
        application = ApplicationFactory(
            candidate=self.candidate, offer=self.offer, status=Status.SUBMITTED
        )
        url = application.get_absolute_url()
        for user, expected in [
            (None, 302),
            (self.other, 404),
            (self.editor, 404),
            (self.hr, 404),
        ]:
            self.client.logout()
            if user:
                self.client.force_login(user)
            with self.subTest(user=str(user)):
                self.assertEqual(self.client.get(url).status_code, expected)
        self.client.force_login(self.candidate)
        self.assertContains(self.client.get(url), "Sent")

    def test_another_candidates_draft_cannot_be_resumed_nor_changed(self):
        draft = ApplicationFactory(
            candidate=self.other, offer=self.offer, message="Bob's"
        )
        self.client.force_login(self.candidate)
        url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        response = self.client.get(url)
        self.assertNotContains(response, "Bob&#x27;s")
        self.assertNotContains(response, "resuming")
        draft.refresh_from_db()
        self.assertEqual(draft.message, "Bob's")
