"""The demo candidate's documents and applications, loaded by
``manage.py load_demo_data``."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from candidates.models import Document, User
from offers.choices import YES, QuestionKind
from offers.models import OfferPage
from offers.questions import Question

from .answers import field_name, save_answers
from .factories import DocumentFactory
from .services import new_application, submit_application
from .stages import ensure_default_stages


def load_demo_applications(username: str = "candidate") -> None:
    """A CV, one sent application and one draft; loading twice changes nothing."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return
    cv = user.documents.filter(kind=Document.Kind.CV).first() or DocumentFactory(
        owner=user,
        name="CV – Camille Martin",
        filename="cv-camille-martin.pdf",
    )
    if user.applications.exists():
        return
    offers = list(OfferPage.objects.open().order_by("-first_published_at", "pk")[:2])
    if len(offers) < 2:
        return
    sent = new_application(user, offers[0])
    sent.cv = cv
    sent.message = "I would be glad to tell you more in an interview."
    sent.save()
    questions = offers[0].application_questions()
    save_answers(sent, questions, {field_name(q): demo_answer(q) for q in questions})
    submit_application(sent, user)
    draft = new_application(user, offers[1])
    draft.cv = cv
    draft.save()


def demo_answer(question: Question):
    """A plausible answer of the demo candidate to one of the offer's questions."""
    return {
        QuestionKind.YES_NO: YES,
        QuestionKind.SINGLE_CHOICE: question.options[:1] and question.options[0],
        QuestionKind.MULTIPLE_CHOICE: list(question.options[:2]),
        QuestionKind.SHORT_TEXT: "From a friend who works with you.",
        QuestionKind.NUMBER: Decimal(6),
        QuestionKind.DATE: timezone.localdate() + timedelta(days=45),
    }[question.kind]


def load_demo() -> list[str]:
    """HR's default stages, the demo candidate's CV, sent application and draft."""
    ensure_default_stages()
    load_demo_applications()
    return []
