"""The questions HR asks in an offer's application form: one stream block per kind
of question (yes/no, single and multiple choice, short text, number, date), the
reusable question sets an offer can include, and ``Question``, what the
application form reads of them (the sets unfolded)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import NO, YES, QuestionKind

# The longest answer to a short-text question.
SHORT_TEXT_MAX_LENGTH = 500
YES_NO_CHOICES = [(YES, _("Yes")), (NO, _("No"))]


@dataclass(frozen=True)
class Question:
    """One question as the application form asks it. ``key`` stays the same while
    HR edits the question's wording (it is the block's id), so a draft's answers
    find their question again; ``knockout`` is the yes/no answer that flags an
    application for HR ("" for none)."""

    key: str
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    options: tuple[str, ...] = ()
    knockout: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None

    @property
    def kind_label(self) -> str:
        return str(QuestionKind(self.kind).label)


class QuestionBlock(blocks.StructBlock):
    """What every question has: its wording, an optional help text, and whether
    candidates must answer it to send their application."""

    text = blocks.CharBlock(
        label=_("Question"),
        max_length=255,
        help_text=_("As candidates read it, e.g. “Do you hold a driving licence?”"),
    )
    help_text = blocks.CharBlock(
        label=_("Help text"),
        max_length=255,
        required=False,
        help_text=_("Optional; shown under the question."),
    )
    required = blocks.BooleanBlock(
        label=_("Answer required"),
        required=False,
        default=True,
        help_text=_("Candidates must answer it to send their application."),
    )

    kind = ""

    class Meta:
        template = "blocks/question_block.html"
        form_classname = "struct-block question-block"

    def question(self, value: Any, key: str) -> Question:
        """The question as the application form asks it."""
        return Question(
            key=key,
            kind=self.kind,
            text=value.get("text") or "",
            help_text=value.get("help_text") or "",
            required=bool(value.get("required")),
        )

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        context["question"] = self.question(value, key="preview")
        return context


class YesNoQuestionBlock(QuestionBlock):
    """A question answered yes or no, with an optional knock-out answer."""

    knockout_answer = blocks.ChoiceBlock(
        label=_("Knock-out answer"),
        choices=YES_NO_CHOICES,
        required=False,
        help_text=_(
            "Optional: the answer that rules a candidate out. The application is "
            "still sent, flagged for HR; the candidate is not told."
        ),
    )

    kind = QuestionKind.YES_NO

    class Meta:
        icon = "tick-inverse"
        label = _("Yes or no")
        description = _("A question answered yes or no, with a knock-out answer.")
        preview_value = {
            "text": "Do you hold a driving licence?",
            "help_text": "A category B licence, valid in the European Union.",
            "required": True,
            "knockout_answer": NO,
        }

    def question(self, value: Any, key: str) -> Question:
        question = super().question(value, key)
        knockout = value.get("knockout_answer") or ""
        return replace(question, knockout=knockout if knockout in (YES, NO) else "")


class ChoiceQuestionBlock(QuestionBlock):
    """A question answered by choosing among the options HR lists."""

    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200),
        label=_("Options"),
        min_num=2,
        help_text=_("What candidates choose from, in this order."),
    )

    def question(self, value: Any, key: str) -> Question:
        question = super().question(value, key)
        # Each option once: a repeated one would be two buttons for one answer.
        options = tuple(dict.fromkeys(str(option) for option in value.get("options")))
        return replace(question, options=options)

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        options = [str(option).strip() for option in value.get("options")]
        if len(set(options)) != len(options):
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Give each option only once."))
                }
            )
        return value


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    """One option among several."""

    kind = QuestionKind.SINGLE_CHOICE

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        description = _("Candidates choose one option.")
        preview_value = {
            "text": "What is your notice period?",
            "help_text": "",
            "required": True,
            "options": ["None", "One month", "Two months", "Three months or more"],
        }


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    """Any number of options among several."""

    kind = QuestionKind.MULTIPLE_CHOICE

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")
        description = _("Candidates tick every option that applies.")
        preview_value = {
            "text": "Which languages do you speak at work?",
            "help_text": "Tick all that apply.",
            "required": False,
            "options": ["English", "French", "Spanish", "Dutch"],
        }


class ShortTextQuestionBlock(QuestionBlock):
    """A few words or a sentence."""

    kind = QuestionKind.SHORT_TEXT

    class Meta:
        icon = "pilcrow"
        label = _("Short text")
        description = _("An answer of a few words, at most 500 characters.")
        preview_value = {
            "text": "Where did you hear about us?",
            "help_text": "",
            "required": False,
        }


class NumberQuestionBlock(QuestionBlock):
    """A number, with optional bounds."""

    min_value = blocks.DecimalBlock(
        label=_("Smallest answer"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Optional; e.g. 0."),
    )
    max_value = blocks.DecimalBlock(
        label=_("Largest answer"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Optional; at least the smallest."),
    )

    kind = QuestionKind.NUMBER

    class Meta:
        icon = "order"
        label = _("Number")
        description = _("A number, such as years of experience.")
        preview_value = {
            "text": "How many years of experience do you have in this job?",
            "help_text": "",
            "required": True,
            "min_value": Decimal(0),
            "max_value": Decimal(50),
        }

    def question(self, value: Any, key: str) -> Question:
        question = super().question(value, key)
        return replace(
            question,
            min_value=value.get("min_value"),
            max_value=value.get("max_value"),
        )

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        low, high = value.get("min_value"), value.get("max_value")
        if low is not None and high is not None and high < low:
            raise StructBlockValidationError(
                block_errors={
                    "max_value": ValidationError(
                        _("The largest answer cannot be below the smallest.")
                    )
                }
            )
        return value


class DateQuestionBlock(QuestionBlock):
    """A date, such as when the candidate can start."""

    kind = QuestionKind.DATE

    class Meta:
        icon = "date"
        label = _("Date")
        description = _("A date, such as when the candidate can start.")
        preview_value = {
            "text": "When can you start?",
            "help_text": "",
            "required": True,
        }


class QuestionListBlock(blocks.StreamBlock):
    """A list of questions: what a question set holds."""

    yes_no = YesNoQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    short_text = ShortTextQuestionBlock()
    number = NumberQuestionBlock()
    date = DateQuestionBlock()

    class Meta:
        template = "blocks/question_list_block.html"


class QuestionSetChooserBlock(SnippetChooserBlock):
    """A question set, whose questions the offer asks where the block stands."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("offers.QuestionSet", **kwargs)

    class Meta:
        icon = "clipboard-list"
        label = _("Question set")
        template = "blocks/question_set_block.html"
        description = _(
            "The questions of a set kept under Question sets; editing the set "
            "changes every offer that includes it."
        )
        help_text = _("Its questions are asked here, in their order.")


class OfferQuestionsBlock(QuestionListBlock):
    """The questions of an offer: questions of its own and question sets."""

    question_set = QuestionSetChooserBlock()

    class Meta:
        template = "blocks/question_list_block.html"


def questions_of(stream: Iterable[Any], prefix: str = "") -> list[Question]:
    """The questions of a question stream, question sets unfolded in place (a set
    deleted since is skipped). Each key is unique within the list."""
    questions: list[Question] = []
    seen: set[str] = set()
    for position, child in enumerate(stream):
        key = f"{prefix}{child.id or position}"
        if child.block_type == "question_set":
            question_set = child.value
            if question_set is not None:
                found = questions_of(question_set.questions, prefix=f"{key}_")
            else:
                found = []
        else:
            found = [child.block.question(child.value, key)]
        for question in found:
            if question.key not in seen and question.text:
                seen.add(question.key)
                questions.append(question)
    return questions
