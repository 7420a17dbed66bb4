"""The offer's questions in the application form: a field per kind, required or
not, the knock-out flag, drafts that keep the answers, hostile input, answers kept
as asked when HR edits the questions, and the answers on HR's side (inspect, the
knock-out filter, the export), in "Download my data" and gone after erasure."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.choices import Status
from applications.factories import ApplicationAnswerFactory, ApplicationFactory
from applications.models import Application, ApplicationAnswer
from offers.choices import QuestionKind
from offers.models import QuestionSet
from privacy.erasure import erase_candidate
from privacy.export import export_data
from tests.html_checker import validate

from .world import ApplicationsTestCase

INDEX = reverse("applications_application_modeladmin_index")


def inspect_url(application: Application) -> str:
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


LICENCE = "Do you hold a driving licence?"
NOTICE = "What is your notice period?"
LANGUAGES = "Which languages do you speak at work?"
HEARD = "Where did you hear about us?"
YEARS = "How many years of experience do you have?"
START = "When can you start?"
NOTICE_OPTIONS = ["None", "One month", "Three months"]


def question(kind: str, key: str, text: str, required: bool = True, **extra) -> dict:
    """A question block as stored in the offer's questions."""
    value = {"text": text, "help_text": "", "required": required, **extra}
    return {"type": kind, "id": key, "value": value}


def every_kind() -> list[dict]:
    return [
        question("yes_no", "licence", LICENCE, knockout_answer="no"),
        question("single_choice", "notice", NOTICE, options=NOTICE_OPTIONS),
        question(
            "multiple_choice",
            "languages",
            LANGUAGES,
            required=False,
            options=["English", "French", "Spanish"],
        ),
        question("short_text", "heard", HEARD, required=False),
        question("number", "years", YEARS, min_value="0", max_value="50"),
        question("date", "start", START),
    ]


ANSWERS = {
    "question_licence": "yes",
    "question_notice": "One month",
    "question_languages": ["English", "Spanish"],
    "question_heard": "A friend",
    "question_years": "4.5",
    "question_start": "2027-03-01",
}


class QuestionsTestCase(ApplicationsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.offer.questions = every_kind()
        cls.offer.save()

    def setUp(self):
        super().setUp()
        self.client.force_login(self.candidate)
        self.url = reverse("applications:apply", kwargs={"slug": self.offer.slug})
        self.cv = self.cv_of(self.candidate)

    def form(self, **data) -> dict:
        return {
            "first_name": "Jane",
            "last_name": "Doe",
            "phone": "",
            "message": "",
            "cv": self.cv.pk,
            **ANSWERS,
            **data,
        }

    def send(self, **data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, self.form(submit="1", **data))

    def answers(self) -> dict[str, ApplicationAnswer]:
        return {answer.key: answer for answer in ApplicationAnswer.objects.all()}


class AskingTests(QuestionsTestCase):
    def test_each_kind_has_its_widget(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Questions about the job")
        html = response.content.decode()
        self.assertIn('type="radio" name="question_licence" value="yes"', html)
        self.assertIn('type="radio" name="question_notice" value="One month"', html)
        self.assertIn('type="checkbox" name="question_languages"', html)
        self.assertIn('type="text" name="question_heard"', html)
        self.assertIn('maxlength="500"', html)
        self.assertIn('type="text" name="question_years"', html)
        self.assertIn('inputmode="decimal"', html)
        self.assertIn('type="date" name="question_start"', html)
        for text in (LICENCE, NOTICE, LANGUAGES, HEARD, YEARS, START):
            self.assertContains(response, text)
        # Nothing of the knock-out reaches the candidate.
        self.assertNotContains(response, "nock")

    def test_help_text_is_shown_as_text(self):
        self.offer.questions = [
            question("short_text", "why", "Why us?", help_text="<b>Be brief</b>")
        ]
        self.offer.save()
        response = self.client.get(self.url)
        self.assertContains(response, "&lt;b&gt;Be brief&lt;/b&gt;")
        self.assertNotContains(response, "<b>Be brief</b>")

    def test_a_speculative_application_has_no_question(self):
        response = self.client.get(reverse("applications:speculative"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Questions about the job")
        self.assertNotContains(response, "question_")

    def test_answers_are_stored_as_asked(self):
        response = self.send()
        application = Application.objects.get()
        self.assertRedirects(response, application.get_absolute_url())
        self.assertEqual(application.status, Status.SUBMITTED)
        answers = self.answers()
        self.assertEqual(
            [answer.key for answer in application.answers.all()],
            ["licence", "notice", "languages", "heard", "years", "start"],
        )
        self.assertEqual(answers["licence"].answer, "yes")
        self.assertEqual(answers["licence"].kind, QuestionKind.YES_NO)
        self.assertEqual(answers["notice"].question, NOTICE)
        self.assertEqual(answers["notice"].options, NOTICE_OPTIONS)
        self.assertEqual(answers["notice"].answer, "One month")
        self.assertEqual(answers["languages"].answer, ["English", "Spanish"])
        self.assertEqual(answers["languages"].display, "English; Spanish")
        self.assertEqual(answers["heard"].answer, "A friend")
        self.assertEqual(answers["years"].answer, "4.5")
        self.assertEqual(answers["start"].answer, "2027-03-01")
        self.assertFalse(any(answer.knocked_out for answer in answers.values()))

    def test_the_knock_out_answer_flags_the_application(self):
        self.send(question_licence="no")
        self.assertTrue(self.answers()["licence"].knocked_out)
        self.assertEqual(Application.objects.get().status, Status.SUBMITTED)

    def test_required_questions_must_be_answered_to_send(self):
        response = self.send(question_licence="", question_start="")
        self.assertContains(response, "error-summary")
        self.assertContains(
            response,
            f"{LICENCE}: Answer this question to send your application.",
            html=False,
        )
        self.assertContains(response, 'href="#id_question_start"')
        self.assertFalse(Application.objects.exists())
        self.assertFalse(ApplicationAnswer.objects.exists())

    def test_optional_questions_may_stay_unanswered(self):
        data = self.form(submit="1")
        del data["question_languages"]
        data["question_heard"] = ""
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, data)
        self.assertEqual(Application.objects.get().status, Status.SUBMITTED)
        answers = self.answers()
        self.assertIsNone(answers["languages"].answer)
        self.assertIsNone(answers["heard"].answer)
        self.assertEqual(answers["heard"].question, HEARD)

    def test_a_number_out_of_bounds_is_refused(self):
        response = self.send(question_years="51")
        self.assertContains(response, "error-summary")
        self.assertContains(response, "less than or equal to 50")
        self.assertFalse(Application.objects.exists())


class DraftTests(QuestionsTestCase):
    def test_a_draft_keeps_partial_answers_and_resumes(self):
        response = self.client.post(
            self.url,
            {
                **self.form(draft="1", question_licence="", question_start=""),
                "question_languages": ["French"],
            },
        )
        self.assertRedirects(response, self.url)
        application = Application.objects.get()
        self.assertEqual(application.status, Status.DRAFT)
        answers = self.answers()
        self.assertIsNone(answers["licence"].answer)
        self.assertEqual(answers["languages"].answer, ["French"])
        self.assertEqual(answers["notice"].answer, "One month")

        html = self.client.get(self.url).content.decode()
        self.assertIn(
            'value="One month" required id="id_question_notice_1" checked', html
        )
        self.assertIn('value="French" id="id_question_languages_1" checked', html)
        self.assertIn('name="question_years" value="4.5"', html)
        self.assertNotIn(
            'value="yes" required id="id_question_licence_0" checked',
            html,
        )

        self.send()
        application.refresh_from_db()
        self.assertEqual(application.status, Status.SUBMITTED)
        self.assertEqual(self.answers()["licence"].answer, "yes")
        self.assertEqual(ApplicationAnswer.objects.count(), 6)

    def test_a_draft_refuses_a_bad_answer_too(self):
        response = self.client.post(self.url, self.form(draft="1", question_years="x"))
        self.assertContains(response, "error-summary")
        self.assertFalse(Application.objects.exists())


class HostileInputTests(QuestionsTestCase):
    def test_no_500_and_nothing_saved(self):
        cases = {
            "question_licence": "maybe",
            "question_notice": "Six years",
            "question_languages": ["Klingon"],
            "question_heard": "x" * 100_000,
            "question_years": "1e999",
            "question_start": "2027-13-45",
        }
        more = {
            "question_years": ["NaN", "Infinity", "abc", "9" * 500, "1.234"],
            "question_start": ["99999-01-01", "0000-00-00", "yesterday", "\x00"],
            "question_heard": ["null\x00byte"],
        }
        attempts = [{name: value} for name, value in cases.items()]
        attempts += [{name: value} for name, values in more.items() for value in values]
        for attempt in attempts:
            for action in ("submit", "draft"):
                with self.subTest(attempt=str(attempt)[:60], action=action):
                    with self.captureOnCommitCallbacks(execute=True):
                        response = self.client.post(
                            self.url, self.form(**{action: "1"}, **attempt)
                        )
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "error-summary")
        self.assertFalse(Application.objects.exists())
        self.assertFalse(ApplicationAnswer.objects.exists())


class QuestionEditTests(QuestionsTestCase):
    def test_editing_or_deleting_questions_leaves_sent_answers_as_asked(self):
        self.send(question_licence="no")
        application = Application.objects.get()
        self.offer.questions = [
            question("yes_no", "licence", "Do you own a car?"),
            question("single_choice", "notice", "Notice?", options=["Short", "Long"]),
        ]
        self.offer.save_revision().publish()
        answers = self.answers()
        self.assertEqual(len(answers), 6)
        self.assertEqual(answers["licence"].question, LICENCE)
        self.assertTrue(answers["licence"].knocked_out)
        self.assertEqual(answers["notice"].options, NOTICE_OPTIONS)
        self.assertEqual(answers["start"].answer, "2027-03-01")

        self.client.force_login(self.hr)
        response = self.client.get(
            reverse(
                "applications_application_modeladmin_inspect", args=[application.pk]
            )
        )
        self.assertContains(response, LICENCE)
        self.assertContains(response, START)
        self.assertContains(response, "data-knocked-out")
        self.assertNotContains(response, "Do you own a car?")

    def test_a_draft_resumed_after_edits_asks_the_new_questions(self):
        self.client.post(self.url, self.form(draft="1"))
        self.offer.questions = [question("short_text", "heard", "How did you find us?")]
        self.offer.save()
        response = self.client.get(self.url)
        self.assertContains(response, "How did you find us?")
        self.assertContains(response, 'value="A friend"')
        self.assertNotContains(response, LICENCE)
        self.send()
        answers = self.answers()
        self.assertEqual(list(answers), ["heard"])
        self.assertEqual(answers["heard"].question, "How did you find us?")


class QuestionSetTests(QuestionsTestCase):
    def test_the_questions_of_an_included_set_are_asked(self):
        availability = QuestionSet.objects.create(
            name="Availability",
            questions=[
                question("date", "when", "Earliest start?"),
                question("yes_no", "travel", "Can you travel?", required=False),
            ],
        )
        self.offer.questions = [
            question("yes_no", "licence", LICENCE, knockout_answer="no"),
            {"type": "question_set", "id": "set", "value": availability.pk},
        ]
        self.offer.save()
        response = self.client.get(self.url)
        self.assertContains(response, "Earliest start?")
        self.assertContains(response, 'name="question_set_when"')
        self.send(question_set_when="2027-01-04", question_set_travel="yes")
        answers = self.answers()
        self.assertEqual(list(answers), ["licence", "set_when", "set_travel"])
        self.assertEqual(answers["set_when"].question, "Earliest start?")

        availability.delete()
        self.assertEqual(
            [
                q.key
                for q in type(self.offer)
                .objects.get(pk=self.offer.pk)
                .application_questions()
            ],
            ["licence"],
        )
        self.assertEqual(ApplicationAnswer.objects.count(), 3)

    def test_the_apply_page_reads_the_questions_in_constant_queries(self):
        sets = [
            QuestionSet.objects.create(
                name=f"Set {number}",
                questions=[
                    question("short_text", f"s{number}-{n}", f"Set question {n}")
                    for n in range(3)
                ],
            )
            for number in range(3)
        ]

        def count(questions: list[dict]) -> int:
            self.offer.questions = questions
            self.offer.save()
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(self.url).status_code, 200)
            return len(queries)

        count([])  # the site's row is cached by the first request
        none = count([])
        few = count([every_kind()[0], {"type": "question_set", "value": sets[0].pk}])
        many = count(
            every_kind() + [{"type": "question_set", "value": one.pk} for one in sets]
        )
        # The question sets, read in one query.
        self.assertEqual(few, none + 1)
        self.assertEqual(many, few)
        # A draft's answers: in one query, however many they are.
        self.client.post(self.url, self.form(draft="1"))
        self.client.get(self.url)  # shows, and forgets, "Your draft is saved"
        resumed = count(every_kind())
        self.assertEqual(resumed, count(every_kind()[:1]))


class HRSideTests(QuestionsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.knocked = ApplicationFactory(
            candidate=cls.candidate, offer=cls.offer, status=Status.SUBMITTED
        )
        ApplicationAnswerFactory(
            application=cls.knocked,
            key="licence",
            question=LICENCE,
            answer="no",
            knocked_out=True,
        )
        ApplicationAnswerFactory(
            application=cls.knocked,
            key="start",
            question=START,
            kind=QuestionKind.DATE,
            answer="2027-02-01",
        )
        cls.clean = ApplicationFactory(
            candidate=cls.other, offer=cls.offer, status=Status.SUBMITTED
        )
        ApplicationAnswerFactory(
            application=cls.clean, key="licence", question=LICENCE, answer="yes"
        )
        ApplicationAnswerFactory(
            application=cls.clean,
            key="heard",
            question="=cmd|' /C calc'!A0",
            kind=QuestionKind.SHORT_TEXT,
            answer='=HYPERLINK("http://evil")',
        )

    def test_the_knock_out_filter(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX)
        self.assertContains(response, "knock-out answer")
        listed = self.client.get(INDEX + "?knocked_out=yes").context["object_list"]
        self.assertEqual(list(listed), [self.knocked])
        listed = self.client.get(INDEX + "?knocked_out=no").context["object_list"]
        self.assertEqual(list(listed), [self.clean])

    def test_the_export_has_a_column_per_question(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX + "?export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(response).decode())))
        headings = rows[0]
        self.assertEqual(headings[-3:], [LICENCE, START, "'=cmd|' /C calc'!A0"])
        by_name = {row[0]: row for row in rows[1:]}
        jane = by_name[self.knocked.candidate_name]
        self.assertEqual(jane[-3:-1], ["No", "2027-02-01"])
        bob = by_name[self.clean.candidate_name]
        self.assertEqual(bob[-3], "Yes")
        self.assertEqual(bob[-1], '\'=HYPERLINK("http://evil")')
        # Filtered, the export keeps its filter.
        response = self.client.get(INDEX + "?export=csv&knocked_out=yes")
        rows = list(csv.reader(io.StringIO(b"".join(response).decode())))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0][-2:], [LICENCE, START])

    def test_the_xlsx_export_holds_the_answers(self):
        self.client.force_login(self.hr)
        response = self.client.get(INDEX + "?export=xlsx")
        self.assertEqual(response.status_code, 200)
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(b"".join(response))).active
        headings = [cell.value for cell in next(sheet.iter_rows())]
        self.assertIn(LICENCE, headings)

    def test_the_application_page_shows_the_answers(self):
        self.client.force_login(self.hr)
        response = self.client.get(
            reverse(
                "applications_application_modeladmin_inspect", args=[self.knocked.pk]
            )
        )
        self.assertContains(response, "Answers to the offer’s questions")
        self.assertContains(response, LICENCE)
        self.assertContains(response, "data-knocked-out")

    def test_editors_see_none_of_it(self):
        self.client.force_login(self.editor)
        for url in (
            INDEX + "?knocked_out=yes",
            INDEX + "?export=csv",
            reverse(
                "applications_application_modeladmin_inspect", args=[self.knocked.pk]
            ),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403))
                content = b"".join(response) if response.streaming else response.content
                self.assertNotIn(LICENCE.encode(), content)


class CandidateDataTests(QuestionsTestCase):
    def test_download_my_data_holds_the_answers(self):
        self.send(question_licence="no")
        data = export_data(self.candidate)
        (application,) = data["applications"]
        answers = {answer["question"]: answer for answer in application["answers"]}
        self.assertEqual(answers[LICENCE]["answer"], "no")
        self.assertEqual(answers[NOTICE]["options"], NOTICE_OPTIONS)
        self.assertEqual(answers[LANGUAGES]["answer"], ["English", "Spanish"])

    def test_erasure_removes_the_answers(self):
        self.send()
        other = ApplicationFactory(
            candidate=self.other, offer=self.offer, status=Status.SUBMITTED
        )
        ApplicationAnswerFactory(application=other)
        with (
            self.settings(ERASURE_SENT_APPLICATIONS="anonymise"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.assertTrue(erase_candidate(self.candidate))
        self.assertEqual(Application.objects.filter(candidate=None).count(), 1)
        self.assertEqual(
            list(ApplicationAnswer.objects.values_list("application", flat=True)),
            [other.pk],
        )


@pytest.mark.html_checker
class HtmlValidityTests(QuestionsTestCase):
    def test_the_pages_with_questions_are_valid_html(self):
        folder = Path(self.private_dir)
        pages = {
            "apply": self.client.get(self.url),
            "apply-errors": self.send(
                question_licence="maybe", question_years="x", question_start="2027-1"
            ),
        }
        self.send(question_licence="no")
        pages["detail"] = self.client.get(Application.objects.get().get_absolute_url())
        self.client.force_login(self.hr)
        pages["inspect"] = self.client.get(inspect_url(Application.objects.get()))
        files = []
        for name, response in pages.items():
            self.assertEqual(response.status_code, 200, name)
            file = folder / f"{name}.html"
            file.write_bytes(response.content)
            files.append(file)
        # The admin's own markup is Wagtail's: only our pages are checked whole.
        errors = validate(files[:3])
        self.assertEqual(errors, [])


class CandidatePageTests(QuestionsTestCase):
    def test_the_candidate_reads_their_answers_not_the_knock_out(self):
        self.send(question_licence="no")
        response = self.client.get(Application.objects.get().get_absolute_url())
        self.assertContains(response, "Your answers")
        self.assertContains(response, LICENCE)
        self.assertContains(response, "English; Spanish")
        self.assertNotContains(response, "nock")
