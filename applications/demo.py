"""The demo candidate's documents and applications, loaded by
``manage.py load_demo_data``."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from candidates.models import Document, User
from offers.choices import YES, QuestionKind
from offers.models import OfferPage
from offers.questions import Question

from .answers import field_name, save_answers
from .factories import DocumentFactory
from .models import Stage
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
    # Two different jobs, in the default language (not one job and its translation).
    offers = list(
        OfferPage.objects.open()
        .filter(locale=Locale.get_default())
        .order_by("-first_published_at", "pk")[:2]
    )
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


# The default stages' names and e-mails in French: (name, subject, text).
STAGES_FR = {
    "New": ("Nouvelle", "", ""),
    "Screening": (
        "Présélection",
        "Votre candidature « {offer_title} » est à l'étude",
        "Bonjour {first_name},\n\nMerci pour votre candidature « {offer_title} » "
        "({offer_reference}). Notre équipe RH l'étudie en ce moment.\n\n"
        "L'équipe carrières",
    ),
    "Interview": (
        "Entretien",
        "Votre candidature « {offer_title} » : un entretien",
        "Bonjour {first_name},\n\nNous aimerions vous rencontrer au sujet de "
        "« {offer_title} » ({offer_reference}). Nous vous contacterons très "
        "prochainement pour convenir d'un entretien.\n\nL'équipe carrières",
    ),
    "Offer": ("Proposition", "", ""),
    "Hired": (
        "Recrutement",
        "Votre candidature « {offer_title} » : bienvenue à bord",
        "Bonjour {first_name},\n\nNous avons le plaisir de vous confirmer votre "
        "recrutement pour « {offer_title} » ({offer_reference}).\n\n"
        "L'équipe carrières",
    ),
    "Not selected": (
        "Non retenue",
        "Votre candidature « {offer_title} »",
        "Bonjour {first_name},\n\nMerci de l'intérêt que vous portez à "
        "« {offer_title} » ({offer_reference}). Après un examen attentif, nous ne "
        "donnerons pas suite à votre candidature. Nous vous souhaitons pleine "
        "réussite.\n\nL'équipe carrières",
    ),
}


def typeset(text: str) -> str:
    """French spacing: a no-break space before ? ! : ; and inside « »."""
    for mark in "?!:;»":
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")


def load_french_stages() -> None:
    """The default stages' French translations (those made already are left as
    they are): their e-mails reach French-speaking candidates in French."""
    if "fr" not in dict(settings.LANGUAGES):
        return
    french, _created = Locale.objects.get_or_create(language_code="fr")
    for stage in Stage.objects.pipeline().filter(name__in=STAGES_FR):
        if stage.has_translation(french):
            continue
        name, subject, text = STAGES_FR[stage.name]
        translation = stage.copy_for_translation(french)
        translation.name = name
        translation.email_subject = typeset(subject)
        translation.email_body = typeset(text)
        translation.save()


def load_demo() -> list[str]:
    """HR's default stages and their French e-mails, the demo candidate's CV,
    sent application and draft."""
    ensure_default_stages()
    load_french_stages()
    load_demo_applications()
    return []
