"""The questions HR writes in an offer's editor: a block per kind with its rules,
question sets unfolded where an offer includes them, the editor's "Questions" tab,
and the question sets as snippets HR recruiters alone manage."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from candidates.factories import UserFactory
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from offers.choices import QuestionKind
from offers.models import OfferPage, QuestionSet
from offers.questions import OfferQuestionsBlock, QuestionListBlock

from .catalogue import build_catalogue
from .test_permissions import offer_form


def question(kind: str, key: str, text: str, **extra) -> dict:
    value = {"text": text, "help_text": "", "required": True, **extra}
    return {"type": kind, "id": key, "value": value}


class QuestionBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def setUp(self):
        self.offer = OfferPage.objects.get(title="Python developer")

    def test_each_kind_becomes_a_question(self):
        self.offer.questions = [
            question("yes_no", "licence", "Licence?", knockout_answer="no"),
            question(
                "single_choice",
                "notice",
                "Notice?",
                options=["None", "One month", "None"],
                help_text="Your current contract's",
            ),
            question("multiple_choice", "langs", "Languages?", options=["EN", "FR"]),
            question("short_text", "heard", "Heard of us?", required=False),
            question("number", "years", "Years?", min_value="1", max_value="40"),
            question("date", "start", "Start?"),
        ]
        self.offer.save()
        questions = OfferPage.objects.get(pk=self.offer.pk).application_questions()
        self.assertEqual(
            [(q.key, q.kind) for q in questions],
            [
                ("licence", QuestionKind.YES_NO),
                ("notice", QuestionKind.SINGLE_CHOICE),
                ("langs", QuestionKind.MULTIPLE_CHOICE),
                ("heard", QuestionKind.SHORT_TEXT),
                ("years", QuestionKind.NUMBER),
                ("start", QuestionKind.DATE),
            ],
        )
        licence, notice, langs, heard, years, start = questions
        self.assertEqual(licence.knockout, "no")
        self.assertEqual(notice.options, ("None", "One month"))
        self.assertEqual(notice.help_text, "Your current contract's")
        self.assertEqual(langs.options, ("EN", "FR"))
        self.assertFalse(heard.required)
        self.assertTrue(start.required)
        self.assertEqual((years.min_value, years.max_value), (Decimal(1), Decimal(40)))
        self.assertEqual(years.kind_label, "Number")

    def test_question_sets_are_unfolded_in_place(self):
        availability = QuestionSet.objects.create(
            name="Availability",
            questions=[
                question("date", "when", "Earliest start?"),
                question("yes_no", "travel", "Can you travel?"),
            ],
        )
        self.offer.questions = [
            question("yes_no", "licence", "Licence?"),
            {"type": "question_set", "id": "first", "value": availability.pk},
            question("short_text", "heard", "Heard of us?"),
            {"type": "question_set", "id": "again", "value": availability.pk},
        ]
        self.offer.save()
        offer = OfferPage.objects.get(pk=self.offer.pk)
        with self.assertNumQueries(1):
            keys = [q.key for q in offer.application_questions()]
        self.assertEqual(
            keys,
            [
                "licence",
                "first_when",
                "first_travel",
                "heard",
                "again_when",
                "again_travel",
            ],
        )
        # A set edited later asks its new wording; one deleted is no longer asked.
        availability.questions = [question("date", "when", "First day?")]
        availability.save()
        questions = OfferPage.objects.get(pk=self.offer.pk).application_questions()
        self.assertEqual(questions[1].text, "First day?")
        availability.delete()
        questions = OfferPage.objects.get(pk=self.offer.pk).application_questions()
        self.assertEqual([q.key for q in questions], ["licence", "heard"])

    def test_an_offer_without_questions_asks_none(self):
        self.assertEqual(self.offer.application_questions(), [])

    def test_choice_questions_need_two_distinct_options(self):
        block = QuestionListBlock().child_blocks["single_choice"]
        value = {"text": "Notice?", "help_text": "", "required": True}
        for options in (["One"], ["One", "One "]):
            with self.subTest(options=options), self.assertRaises(ValidationError):
                block.clean(block.to_python({**value, "options": options}))
        block.clean(block.to_python({**value, "options": ["One", "Two"]}))

    def test_number_bounds_in_order(self):
        block = QuestionListBlock().child_blocks["number"]
        value = {"text": "Years?", "help_text": "", "required": True}
        with self.assertRaises(ValidationError):
            block.clean(block.to_python({**value, "min_value": 5, "max_value": 2}))
        block.clean(block.to_python({**value, "min_value": 2, "max_value": 5}))

    def test_every_block_has_an_icon_and_renders_its_preview(self):
        for name, block in OfferQuestionsBlock().child_blocks.items():
            with self.subTest(block=name):
                self.assertNotEqual(block.meta.icon, "placeholder")
                self.assertTrue(block.meta.template)
                self.assertTrue(block.meta.description)
                if name == "question_set":
                    continue
                html = block.render(block.get_preview_value())
                self.assertIn(str(block.get_preview_value()["text"]), html)

    def test_the_offer_page_does_not_show_the_questions(self):
        self.offer.questions = [question("yes_no", "licence", "Secret licence?")]
        self.offer.save_revision().publish()
        response = self.client.get(self.offer.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Secret licence?")


class QuestionsEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        cls.recruiter = UserFactory(username="hugo", groups=[HR_RECRUITERS])
        cls.editor = UserFactory(username="edith", groups=[CONTENT_EDITORS])

    def setUp(self):
        self.offer = OfferPage.objects.get(title="Python developer")

    def test_the_offer_editor_has_a_questions_tab(self):
        self.client.force_login(self.recruiter)
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.offer.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="tab-label-questions"')
        self.assertContains(response, "Yes or no")
        self.assertContains(response, "Question set")

    def test_hr_adds_a_question_in_the_editor(self):
        self.client.force_login(self.recruiter)
        family = self.offer.job_family_id
        place = self.offer.locations.first().pk
        data = offer_form(family, place, title="Driver", slug="driver")
        data.update(
            nested_form_data(
                {
                    "questions": streamfield(
                        [
                            (
                                "yes_no",
                                {
                                    "text": "Do you hold a driving licence?",
                                    "help_text": "",
                                    "required": "on",
                                    "knockout_answer": "no",
                                },
                            )
                        ]
                    )
                }
            )
        )
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add",
                args=["offers", "offerpage", self.catalogue.index.pk],
            ),
            data,
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        offer = OfferPage.objects.get(slug="driver")
        (asked,) = offer.get_latest_revision_as_object().application_questions()
        self.assertEqual(asked.text, "Do you hold a driving licence?")
        self.assertEqual(asked.knockout, "no")
        self.assertTrue(asked.required)

    def test_hr_manages_question_sets_and_editors_do_not(self):
        index = reverse("wagtailsnippets_offers_questionset:list")
        add = reverse("wagtailsnippets_offers_questionset:add")
        self.client.force_login(self.recruiter)
        self.assertEqual(self.client.get(index).status_code, 200)
        self.assertContains(self.client.get(add), "Yes or no")
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), index)
        self.client.force_login(self.editor)
        for url in (index, add):
            with self.subTest(url=url):
                self.assertIn(self.client.get(url).status_code, (302, 403))
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), index)
