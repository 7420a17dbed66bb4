"""The answers to an offer's questions: the application form's field for each
question, what a draft keeps and a submission stores (the question as asked, the
knock-out flag), and how HR reads, filters and exports them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.admin import SimpleListFilter
from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from offers.choices import YES, QuestionKind
from offers.questions import SHORT_TEXT_MAX_LENGTH, YES_NO_CHOICES, Question

from .models import Application, ApplicationAnswer

FIELD_PREFIX = "question_"
ANSWER_REQUIRED = _("Answer this question to send your application.")
# The bounds of a number answer: 10 digits before the point, 2 after.
NUMBER_DIGITS = 12
NUMBER_DECIMALS = 2
# Characters that make a spreadsheet cell a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def field_name(question: Question) -> str:
    return FIELD_PREFIX + question.key


class QuestionFieldMixin:
    """A required question may stay unanswered in a draft: it is required only to
    send the application (``draft`` is set by the form)."""

    draft = False

    def validate(self, value: Any) -> None:
        if self.draft and value in self.empty_values:
            return
        super().validate(value)


class QuestionChoiceField(QuestionFieldMixin, forms.ChoiceField):
    pass


class QuestionMultipleChoiceField(QuestionFieldMixin, forms.MultipleChoiceField):
    pass


class QuestionCharField(QuestionFieldMixin, forms.CharField):
    pass


class QuestionDecimalField(QuestionFieldMixin, forms.DecimalField):
    pass


class QuestionDateField(QuestionFieldMixin, forms.DateField):
    pass


class IsoDateInput(forms.DateInput):
    """The browser's date picker; a value it could not have sent (only a forged
    request sends one) is not shown again, which would be invalid HTML."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                return None
        return super().format_value(value)


# The questions answered by choosing: the field and widget of each kind.
CHOICE_FIELDS: dict[str, tuple[type[forms.Field], type[forms.Widget]]] = {
    QuestionKind.YES_NO: (QuestionChoiceField, forms.RadioSelect),
    QuestionKind.SINGLE_CHOICE: (QuestionChoiceField, forms.RadioSelect),
    QuestionKind.MULTIPLE_CHOICE: (
        QuestionMultipleChoiceField,
        forms.CheckboxSelectMultiple,
    ),
}


def choices_of(question: Question) -> list[tuple[str, Any]]:
    """What a choice question offers: yes and no, or HR's options."""
    if question.kind == QuestionKind.YES_NO:
        return list(YES_NO_CHOICES)
    return [(option, option) for option in question.options]


def question_field(question: Question, *, draft: bool) -> forms.Field:
    """The form field that asks ``question``, with the widget of its kind."""
    options: dict[str, Any] = {
        "label": question.text,
        "required": question.required,
        # HR's words, shown as text (the field template trusts help texts).
        "help_text": escape(question.help_text),
        "error_messages": {"required": ANSWER_REQUIRED},
    }
    kind = question.kind
    field: forms.Field
    if kind in CHOICE_FIELDS:
        field_class, widget = CHOICE_FIELDS[kind]
        field = field_class(choices=choices_of(question), widget=widget, **options)
    elif kind == QuestionKind.NUMBER:
        field = QuestionDecimalField(
            max_digits=NUMBER_DIGITS,
            decimal_places=NUMBER_DECIMALS,
            min_value=question.min_value,
            max_value=question.max_value,
            # A text box with the number keypad, as type="number" would refuse to
            # show back a wrong answer with its error.
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **options,
        )
    elif kind == QuestionKind.DATE:
        field = QuestionDateField(
            widget=IsoDateInput(),
            **options,
        )
    else:
        field = QuestionCharField(max_length=SHORT_TEXT_MAX_LENGTH, **options)
    field.draft = draft
    return field


def add_question_fields(
    form: forms.Form, questions: Sequence[Question], *, draft: bool
) -> None:
    """Adds a field per question to ``form``; ``form.questions`` keeps them."""
    form.questions = list(questions)
    for question in form.questions:
        form.fields[field_name(question)] = question_field(question, draft=draft)


def initial_answers(application: Application) -> dict[str, Any]:
    """A draft's answers, as initial values of the form's fields (one query)."""
    if application.pk is None:
        return {}
    return {
        FIELD_PREFIX + answer.key: answer.answer
        for answer in application.answers.all()
        if answer.answer is not None
    }


def stored_answer(question: Question, value: Any) -> Any:
    """A cleaned value as the application keeps it: text, a list of texts, or
    None when not answered."""
    if value is None or value in ("", [], ()):
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def is_knocked_out(question: Question, answer: Any) -> bool:
    """Whether the answer is the one HR set as ruling a candidate out."""
    return (
        question.kind == QuestionKind.YES_NO
        and bool(question.knockout)
        and answer == question.knockout
    )


def save_answers(
    application: Application, questions: Sequence[Question], data: dict[str, Any]
) -> list[ApplicationAnswer]:
    """Stores the answers to ``questions`` with the application, each with its
    question as asked now, in place of those saved before (in the caller's
    transaction)."""
    ApplicationAnswer.objects.filter(application=application).delete()
    answers = []
    for position, question in enumerate(questions):
        answer = stored_answer(question, data.get(field_name(question)))
        answers.append(
            ApplicationAnswer(
                application=application,
                key=question.key,
                position=position,
                question=question.text,
                kind=question.kind,
                options=list(question.options),
                answer=answer,
                knocked_out=is_knocked_out(question, answer),
            )
        )
    return ApplicationAnswer.objects.bulk_create(answers)


def export_value(answer: ApplicationAnswer) -> str:
    """An answer as a spreadsheet cell: dates stay ISO, lists are joined."""
    if answer.kind == QuestionKind.DATE and isinstance(answer.answer, str):
        return answer.answer
    return answer.display


def knocked_out() -> Exists:
    """True for an application with a knock-out answer (for filters and
    annotations)."""
    return Exists(
        ApplicationAnswer.objects.filter(application=OuterRef("pk"), knocked_out=True)
    )


class KnockoutFilter(SimpleListFilter):
    """Applications where the candidate gave a knock-out answer, or none."""

    title = _("knock-out answer")
    parameter_name = "knocked_out"

    def lookups(self, request, model_admin) -> list[tuple[str, Any]]:
        return [(YES, _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == YES:
            return queryset.filter(knocked_out())
        if self.value() == "no":
            return queryset.filter(~knocked_out())
        return queryset


class AnswerColumn:
    """A column of the applications export: the answers to questions of one
    wording (the same question may be asked by several offers)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, application: Application) -> str:
        for answer in application.answers.all():
            if answer.question == self.text:
                return export_value(answer)
        return ""

    @property
    def heading(self) -> str:
        if self.text.startswith(FORMULA_STARTS):
            return "'" + self.text
        return self.text


def answer_columns(applications: QuerySet) -> list[AnswerColumn]:
    """A column per question wording among the answers of ``applications``, in
    the order the questions are asked."""
    texts = (
        ApplicationAnswer.objects.filter(application__in=applications.values("pk"))
        .values("question")
        .annotate(first_position=Min("position"), first_pk=Min("pk"))
        .order_by("first_position", "first_pk")
        .values_list("question", flat=True)
    )
    return [AnswerColumn(text) for text in texts]


class AnswersExportMixin:
    """Adds the answers to an index view's CSV and XLSX exports, a column per
    question wording (the answers read in one query)."""

    def as_spreadsheet(self, queryset: QuerySet, spreadsheet_format: str):
        columns = answer_columns(queryset)
        self.list_export = [*self.list_export, *columns]
        self.export_headings = {
            **self.export_headings,
            **{column: column.heading for column in columns},
        }
        return super().as_spreadsheet(
            queryset.prefetch_related("answers"), spreadsheet_format
        )


def export_answers(answers: Iterable[ApplicationAnswer]) -> list[dict[str, Any]]:
    """The answers of an application as "Download my data" gives them."""
    return [
        {
            "question": answer.question,
            "kind": answer.get_kind_display(),
            "options": answer.options,
            "answer": answer.answer,
        }
        for answer in answers
    ]
