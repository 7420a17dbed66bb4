"""The demo candidate's documents and applications, loaded by
``manage.py load_demo_data``."""

from __future__ import annotations

from candidates.models import Document, User
from offers.models import OfferPage

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
    submit_application(sent, user)
    draft = new_application(user, offers[1])
    draft.cv = cv
    draft.save()


def load_demo() -> list[str]:
    """HR's default stages, the demo candidate's CV, sent application and draft."""
    ensure_default_stages()
    load_demo_applications()
    return []
