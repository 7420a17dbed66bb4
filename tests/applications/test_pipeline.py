"""HR's pipeline: stages with the status candidates see, the next stage proposed,
the stage's e-mail (template, placeholders, outbox, history), the board, moves of
several applications, and who may do it (HR recruiters only)."""

from __future__ import annotations

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications import services
from applications.choices import Status
from applications.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    StageFactory,
)
from applications.forms import StatusForm
from applications.models import Stage, StatusChange
from applications.placeholders import fill_placeholders
from core.models import OutgoingEmail

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")
BULK = reverse("applications_bulk_move")
FIGURES = reverse("applications_figures")


def stage(name: str) -> Stage:
    return Stage.objects.get(name=name)


class PipelineTestCase(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sent = ApplicationFactory(
            candidate=cls.candidate, offer=cls.offer, status=Status.SUBMITTED
        )
        cls.board_url = reverse("applications_board", args=[cls.offer.pk])

    def inspect_url(self, application) -> str:
        return reverse(
            "applications_application_modeladmin_inspect", args=[application.pk]
        )


class DefaultStagesTests(PipelineTestCase):
    def test_the_default_pipeline_and_its_public_statuses(self):
        self.assertEqual(
            list(Stage.objects.values_list("name", "public_status", "is_terminal")),
            [
                ("New", Status.SUBMITTED, False),
                ("Screening", Status.IN_REVIEW, False),
                ("Interview", Status.INTERVIEW, False),
                ("Offer", Status.INTERVIEW, False),
                ("Hired", Status.HIRED, True),
                ("Not selected", Status.REJECTED, True),
            ],
        )
        # A sent application starts at the first stage showing "received".
        self.assertEqual(self.sent.stage, stage("New"))

    def test_submitting_puts_the_application_on_the_first_stage(self):
        draft = ApplicationFactory(candidate=self.other, offer=self.offer)
        services.submit_application(draft, self.other)
        draft.refresh_from_db()
        self.assertEqual((draft.stage, draft.status), (stage("New"), Status.SUBMITTED))
        self.assertEqual(draft.status_changes.get().stage_name, "New")


class NextStageTests(PipelineTestCase):
    def proposed(self, application):
        return services.next_stage(application, services.pipeline())

    def test_the_next_stage_never_a_step_back(self):
        self.assertEqual(self.proposed(self.sent), stage("Screening"))
        for current, following in [
            ("Screening", "Interview"),
            ("Interview", "Offer"),
            ("Offer", "Hired"),
        ]:
            self.sent.stage = stage(current)
            with self.subTest(current):
                self.assertEqual(self.proposed(self.sent), stage(following))
        for final in ("Hired", "Not selected"):
            self.sent.stage = stage(final)
            with self.subTest(final):
                self.assertIsNone(self.proposed(self.sent))

    def test_the_status_form_proposes_the_next_stage_and_its_notification(self):
        self.client.force_login(self.hr)
        services.move_to_stage(self.sent, stage("Interview"), self.hr, notify=False)
        response = self.client.get(self.inspect_url(self.sent))
        form = response.context["status_form"]
        # Offer comes after Interview; it has no e-mail: not ticked.
        self.assertEqual(form.initial["stage"], stage("Offer").pk)
        self.assertFalse(form.initial["notify"])
        self.assertNotIn(
            stage("Interview").pk,
            [value for value, _label in form.fields["stage"].choices],
        )
        self.assertContains(response, f'<option value="{stage("Offer").pk}" selected>')
        # From New, Screening is proposed with its e-mail ticked.
        application = ApplicationFactory(
            candidate=self.other, offer=self.offer, status=Status.SUBMITTED
        )
        stages = services.pipeline()
        form = StatusForm(
            application=application,
            stages=stages,
            proposed=services.next_stage(application, stages),
        )
        self.assertEqual(form.initial["stage"], stage("Screening").pk)
        self.assertTrue(form.initial["notify"])


class StageEmailTests(PipelineTestCase):
    def test_a_move_sends_the_stage_template_once_and_records_it(self):
        self.client.force_login(self.hr)
        url = self.inspect_url(self.sent)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url,
                {
                    "stage": stage("Interview").pk,
                    "notify": "on",
                    "message": "Bring ID.",
                },
            )
        self.assertRedirects(response, url)
        [email] = mail.outbox
        self.assertEqual(email.to, ["jane@example.org"])
        self.assertEqual(
            email.subject, "Your application “Python developer”: an interview"
        )
        self.assertIn("Hello Jane,", email.body)
        self.assertIn(f"“Python developer” ({self.offer.reference})", email.body)
        self.assertIn("Bring ID.", email.body)
        html = email.alternatives[0][0]
        self.assertIn("<p>Hello Jane,</p>", html)
        change = StatusChange.objects.filter(application=self.sent).last()
        self.assertTrue(change.candidate_notified)
        self.assertEqual(change.stage_name, "Interview")
        self.assertEqual(change.email_subject, email.subject)
        self.assertIn("Hello Jane,", change.email_body)
        # Queued once in the outbox, under the change's key.
        self.assertEqual(
            OutgoingEmail.objects.filter(key=f"status-change-{change.pk}").count(), 1
        )
        self.assertContains(self.client.get(url), "E-mail sent: “Your application")

    def test_unticked_nothing_is_sent(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.move_to_stage(self.sent, stage("Screening"), self.hr, notify=False)
        self.assertEqual(mail.outbox, [])
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, Status.IN_REVIEW)

    def test_the_candidate_sees_only_the_public_status(self):
        secret = StageFactory(
            name="Team lead veto round",
            public_status=Status.IN_REVIEW,
            email_subject="News about {offer_title}",
            email_body="Hello {first_name}, you are now at: {stage}.",
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.move_to_stage(self.sent, secret, self.hr, notify=True)
        [email] = mail.outbox
        self.assertIn("you are now at: Under review.", email.body)
        self.assertNotIn("veto", email.body + email.subject)
        self.client.force_login(self.candidate)
        for url in (reverse("applications:list"), self.sent.get_absolute_url()):
            response = self.client.get(url)
            with self.subTest(url):
                self.assertContains(response, "Under review")
                self.assertNotContains(response, "veto")
        # HR sees the stage.
        self.client.force_login(self.hr)
        self.assertContains(
            self.client.get(self.inspect_url(self.sent)), "Team lead veto round"
        )

    def test_a_move_within_one_public_status_is_not_news_to_the_candidate(self):
        services.move_to_stage(self.sent, stage("Interview"), self.hr, notify=False)
        services.move_to_stage(self.sent, stage("Offer"), self.hr, notify=False)
        self.client.force_login(self.candidate)
        response = self.client.get(self.sent.get_absolute_url())
        # Received, then Interview once: the step to "Offer" stays HR's.
        self.assertContains(response, '<li class="entry">', count=2)
        self.assertNotContains(response, "Offer</p>")

    def test_a_withdrawn_application_does_not_move(self):
        services.withdraw(self.candidate, self.sent.pk)
        with self.assertRaises(services.ApplicationError):
            services.move_to_stage(self.sent, stage("Interview"), self.hr, notify=True)


class StageSnippetTests(PipelineTestCase):
    def test_unknown_placeholders_are_refused_with_a_clear_message(self):
        self.client.force_login(self.hr)
        url = reverse("wagtailsnippets_applications_stage:add")
        response = self.client.post(
            url,
            {
                "name": "Assessment",
                "public_status": Status.INTERVIEW,
                "notify_by_default": "on",
                "email_subject": "Hello {firstname}",
                "email_body": "Dear {first_name}, {offer_title.__class__} {0}",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Stage.objects.filter(name="Assessment").exists())
        self.assertContains(response, "Unknown placeholder(s): {firstname}.")
        self.assertContains(
            response, "Unknown placeholder(s): {offer_title.__class__}, {0}."
        )
        self.assertContains(response, "{first_name}, {last_name}, {offer_title}")

    def test_a_known_template_is_saved_and_previewed_with_a_sample(self):
        self.client.force_login(self.hr)
        data = {
            "name": "Assessment",
            "public_status": Status.INTERVIEW,
            "notify_by_default": "on",
            "email_subject": "Assessment for {offer_title}",
            "email_body": "Hello {first_name},\n\nSee you soon ({offer_reference}).",
        }
        response = self.client.post(
            reverse("wagtailsnippets_applications_stage:add"), data
        )
        self.assertEqual(response.status_code, 302)
        created = Stage.objects.get(name="Assessment")
        preview = reverse(
            "wagtailsnippets_applications_stage:preview_on_edit", args=[created.pk]
        )
        self.client.post(preview, data)
        response = self.client.get(preview)
        self.assertContains(response, "Assessment for Sample offer: Data analyst")
        self.assertContains(response, "Hello Camille,")
        self.assertContains(response, "See you soon (REF-0001).")

    def test_a_lone_brace_is_explained(self):
        with self.assertRaises(ValidationError) as caught:
            StageFactory.build(email_subject="Hi {", email_body="Text").full_clean()
        self.assertIn("a lone “{” or “}”", str(caught.exception.message_dict))
        self.assertEqual(
            fill_placeholders("{{literal}} {first_name}", {"first_name": "Ana"}),
            "{literal} Ana",
        )

    def test_a_subject_without_text_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            StageFactory.build(email_subject="Hi", email_body="").full_clean()
        self.assertIn("email_body", caught.exception.message_dict)


class BoardTests(PipelineTestCase):
    def test_the_board_shows_a_column_per_stage_and_a_card_per_application(self):
        ApplicationFactory(candidate=self.other, offer=self.offer)  # a draft: hidden
        self.client.force_login(self.hr)
        response = self.client.get(self.board_url)
        self.assertEqual(response.status_code, 200)
        columns = response.context["columns"]
        self.assertEqual(
            [column.name for column, _cards in columns][:2], ["New", "Screening"]
        )
        self.assertEqual(columns[0][1], [self.sent])
        self.assertContains(response, f'data-board-card="{self.sent.pk}"', count=1)
        self.assertContains(response, "Jane Doe")
        self.assertContains(response, "1 document")
        # The move of each card proposes the next stage.
        self.assertContains(
            response,
            f'<option value="{stage("Screening").pk}" data-notify="on" selected>',
        )

    def test_a_card_shows_a_knock_out_answer(self):
        ApplicationAnswerFactory(application=self.sent, knocked_out=True)
        self.client.force_login(self.hr)
        response = self.client.get(self.board_url)
        self.assertContains(response, "data-knock-out", count=1)

    def test_each_card_offers_notify_ticked_as_the_proposed_stage_does(self):
        self.client.force_login(self.hr)
        response = self.client.get(self.board_url)
        # Screening is proposed, and notifies by default; Offer has no e-mail.
        self.assertContains(
            response,
            f'<option value="{stage("Screening").pk}" data-notify="on" selected>',
        )
        self.assertContains(
            response, f'<option value="{stage("Offer").pk}" data-notify="">'
        )
        self.assertContains(
            response,
            f'<input type="checkbox" name="notify" id="notify-{self.sent.pk}" '
            "data-board-notify checked>",
            html=True,
        )
        self.assertContains(response, 'tabindex="-1"', count=1)

    def test_a_card_is_moved_by_its_button(self):
        self.client.force_login(self.hr)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.board_url,
                {
                    "application": self.sent.pk,
                    "stage": stage("Screening").pk,
                    "decided": "1",
                    "notify": "on",
                },
            )
        # Back on the board at the moved card (which takes the focus).
        self.assertRedirects(
            response,
            self.board_url + f"#card-{self.sent.pk}",
            fetch_redirect_response=False,
        )
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("Screening"))
        # "Notify the candidate" ticked: Screening's template.
        [email] = mail.outbox
        self.assertIn("is under review", email.subject)
        change = self.sent.status_changes.get(stage=stage("Screening"))
        self.assertTrue(change.candidate_notified)
        self.assertEqual(change.email_subject, email.subject)
        # Offer has no e-mail: a move there sends nothing.
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.board_url,
                {"application": self.sent.pk, "stage": stage("Offer").pk},
            )
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("Offer"))
        self.assertEqual(len(mail.outbox), 1)

    def test_hr_unticks_notify_and_nothing_is_sent(self):
        self.client.force_login(self.hr)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.board_url,
                {
                    "application": self.sent.pk,
                    "stage": stage("Interview").pk,
                    "decided": "1",
                },
            )
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("Interview"))
        self.assertEqual(mail.outbox, [])
        change = self.sent.status_changes.get(stage=stage("Interview"))
        self.assertFalse(change.candidate_notified)
        self.assertEqual(OutgoingEmail.objects.count(), 0)

    def test_a_dragged_card_asks_before_a_stage_with_an_email(self):
        self.client.force_login(self.hr)
        interview = stage("Interview")
        # A drop sends the card's form without HR's choice: nothing moves yet,
        # HR is asked on a page of its own.
        response = self.client.post(
            self.board_url, {"application": self.sent.pk, "stage": interview.pk}
        )
        confirm_url = self.board_url + f"?move={self.sent.pk}&stage={interview.pk}"
        self.assertRedirects(response, confirm_url)
        response = self.client.get(confirm_url)
        self.assertTemplateUsed(response, "applications/admin/board_move.html")
        self.assertContains(response, "Move Jane Doe to “Interview”")
        self.assertContains(
            response,
            f"<strong data-email-subject>Your application “{self.offer.title}”: "
            "an interview</strong>",
            html=True,
        )
        self.assertContains(
            response,
            '<input type="checkbox" name="notify" id="id_notify" '
            'aria-describedby="id_notify-help" checked>',
            html=True,
        )
        self.assertContains(response, f'href="{self.board_url}#card-{self.sent.pk}"')
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("New"))
        self.assertEqual(mail.outbox, [])
        # Confirmed, notify left ticked: the Interview template goes.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.board_url,
                {
                    "application": self.sent.pk,
                    "stage": interview.pk,
                    "decided": "1",
                    "notify": "on",
                },
            )
        self.assertRedirects(
            response,
            self.board_url + f"#card-{self.sent.pk}",
            fetch_redirect_response=False,
        )
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, interview)
        [email] = mail.outbox
        self.assertEqual(
            email.subject, f"Your application “{self.offer.title}”: an interview"
        )

    def test_a_confirmation_of_an_unknown_card_or_stage_is_the_board(self):
        self.client.force_login(self.hr)
        for query in (f"?move={self.sent.pk}&stage=x", "?move=1e9&stage=1"):
            with self.subTest(query):
                response = self.client.get(self.board_url + query)
                self.assertRedirects(response, self.board_url)

    def test_a_card_dragged_to_a_stage_without_email_moves_at_once(self):
        self.client.force_login(self.hr)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.board_url,
                {"application": self.sent.pk, "stage": stage("Offer").pk},
            )
        self.assertEqual(response.status_code, 302)
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("Offer"))
        self.assertEqual(mail.outbox, [])

    def test_a_withdrawn_card_cannot_be_moved(self):
        self.sent.status = Status.WITHDRAWN
        self.sent.save(update_fields=["status"])
        self.client.force_login(self.hr)
        response = self.client.get(self.board_url)
        self.assertContains(response, f'data-board-card="{self.sent.pk}"')
        self.assertNotContains(response, "data-board-move")
        response = self.client.post(
            self.board_url,
            {
                "application": self.sent.pk,
                "stage": stage("Interview").pk,
                "decided": "1",
                "notify": "on",
            },
            follow=True,
        )
        self.assertContains(response, "The candidate withdrew this application.")
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("New"))
        self.assertEqual(OutgoingEmail.objects.count(), 0)

    def test_the_confirmation_speaks_the_candidates_language(self):
        self.candidate.language = "fr"
        self.candidate.save(update_fields=["language"])
        screening = stage("Screening")
        screening.email_subject = "{offer_title}: {stage}"
        screening.save()
        self.client.force_login(self.hr)
        response = self.client.get(
            self.board_url + f"?move={self.sent.pk}&stage={screening.pk}"
        )
        # The status in the subject is the one the candidate will read.
        self.assertContains(
            response,
            f"<strong data-email-subject>{self.offer.title}: En cours d'examen"
            "</strong>",
            html=True,
        )

    def test_a_card_of_another_offer_or_a_bad_stage_moves_nothing(self):
        other = ApplicationFactory(
            candidate=self.other, offer=self.closed_offer, status=Status.SUBMITTED
        )
        self.client.force_login(self.hr)
        for data in (
            {"application": other.pk, "stage": stage("Screening").pk},
            {"application": self.sent.pk, "stage": "x"},
            {"application": "1e9", "stage": stage("Screening").pk},
        ):
            with self.subTest(data):
                response = self.client.post(self.board_url, data, follow=True)
                self.assertContains(response, "Choose an application of this board")
        self.sent.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual((self.sent.stage, other.stage), (stage("New"), stage("New")))

    def test_the_board_is_linked_from_the_offer_list_and_the_applications_list(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX + f"?offer={self.offer.pk}")
        self.assertContains(response, f'href="{self.board_url}" data-board-link')
        response = self.client.get(
            reverse("wagtailadmin_explore", args=[self.index.pk])
        )
        self.assertContains(response, f'href="{self.board_url}" data-board-link')


class BulkMoveTests(PipelineTestCase):
    def test_the_selected_applications_move_to_a_stage(self):
        second = ApplicationFactory(
            candidate=self.other, offer=self.offer, status=Status.SUBMITTED
        )
        self.client.force_login(self.hr)
        response = self.client.get(INDEX)
        self.assertContains(response, 'form="bulk-move"', count=2)
        back = INDEX + f"?offer={self.offer.pk}"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                BULK,
                {
                    "applications": [self.sent.pk, second.pk],
                    "stage": stage("Screening").pk,
                    "next": back,
                },
            )
        self.assertRedirects(response, back, fetch_redirect_response=False)
        self.assertEqual(
            set(
                Stage.objects.filter(applications__offer=self.offer).values_list(
                    "name", flat=True
                )
            ),
            {"Screening"},
        )
        self.assertEqual(mail.outbox, [])  # notify not ticked

    def test_not_selected_sends_that_stage_email(self):
        second = ApplicationFactory(
            candidate=self.other, offer=self.offer, status=Status.SUBMITTED
        )
        self.client.force_login(self.hr)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                BULK,
                {"applications": [self.sent.pk, second.pk], "not_selected": "1"},
            )
        for application in (self.sent, second):
            application.refresh_from_db()
            self.assertEqual(application.status, Status.REJECTED)
        self.assertEqual(
            sorted(email.to[0] for email in mail.outbox),
            ["bob@example.org", "jane@example.org"],
        )
        self.assertIn("After careful consideration", mail.outbox[0].body)

    def test_a_missing_choice_shows_the_error_summary_and_moves_nothing(self):
        self.client.force_login(self.hr)
        response = self.client.post(BULK, {"applications": [self.sent.pk], "stage": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="error-summary" role="alert"')
        self.assertContains(response, 'href="#id_stage"')
        self.assertContains(response, "Choose the stage to move them to.")
        response = self.client.post(BULK, {"stage": stage("Screening").pk})
        self.assertContains(response, "Tick at least one application.")
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("New"))

    def test_an_outside_next_address_is_not_followed(self):
        self.client.force_login(self.hr)
        response = self.client.post(
            BULK,
            {
                "applications": [self.sent.pk],
                "stage": stage("Screening").pk,
                "next": "https://evil.example/",
            },
        )
        self.assertRedirects(response, INDEX, fetch_redirect_response=False)


class PermissionTests(PipelineTestCase):
    def test_editors_and_candidates_get_nothing_of_it(self):
        urls = [
            self.board_url,
            FIGURES,
            FIGURES + "?format=csv",
            BULK,
            reverse("wagtailsnippets_applications_stage:list"),
            reverse("wagtailsnippets_applications_stage:add"),
        ]
        self.client.force_login(self.editor)
        urls.append(self.board_url + f"?move={self.sent.pk}&stage={stage('Hired').pk}")
        for url in urls:
            with self.subTest(url):
                self.assertIn(self.client.get(url).status_code, (302, 403))
        for url, data in [
            (self.board_url, {"application": self.sent.pk, "stage": stage("Hired").pk}),
            (BULK, {"applications": [self.sent.pk], "not_selected": "1"}),
        ]:
            with self.subTest(url):
                # Wagtail answers a refusal in its admin by a redirection home
                # with a message: nothing is moved either way.
                self.assertIn(self.client.post(url, data).status_code, (302, 403))
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.stage, stage("New"))
        # No menu item either.
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, FIGURES)
        self.client.force_login(self.candidate)
        self.assertIn(self.client.get(self.board_url).status_code, (302, 403))

    def test_hr_recruiters_see_the_menu_and_manage_stages(self):
        self.client.force_login(self.hr)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, FIGURES)
        self.assertEqual(
            self.client.get(
                reverse("wagtailsnippets_applications_stage:list")
            ).status_code,
            200,
        )
