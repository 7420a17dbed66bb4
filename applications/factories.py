"""Factories of documents and applications, shared by the tests and the demo."""

from __future__ import annotations

import uuid

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from candidates.factories import UserFactory
from candidates.models import Document
from home.storage import private_storage
from offers.choices import YES, QuestionKind

from .choices import Status
from .models import Application, ApplicationAnswer, Stage, StatusChange

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF in the candidate's library, really stored in the private storage."""

    owner = factory.SubFactory(UserFactory)
    kind = Document.Kind.CV
    name = "My CV"
    filename = "my-cv.pdf"
    file_type = "pdf"
    content = PDF

    class Meta:
        model = Document
        exclude = ["content"]

    @factory.lazy_attribute
    def size(self) -> int:
        return len(self.content)

    @factory.lazy_attribute
    def key(self) -> str:
        return private_storage().save(
            f"documents/{uuid.uuid4().hex}.pdf", ContentFile(self.content)
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft unless ``status`` says otherwise (then sent a day ago)."""

    candidate = factory.SubFactory(UserFactory)
    offer = None
    speculative = factory.LazyAttribute(lambda application: application.offer is None)
    first_name = factory.LazyAttribute(lambda a: a.candidate.first_name)
    last_name = factory.LazyAttribute(lambda a: a.candidate.last_name)
    cv = factory.SubFactory(DocumentFactory, owner=factory.SelfAttribute("..candidate"))
    status = Status.DRAFT

    class Meta:
        model = Application
        skip_postgeneration_save = True

    @factory.lazy_attribute
    def submitted_at(self):
        if self.status == Status.DRAFT:
            return None
        return timezone.now() - timezone.timedelta(days=1)

    @factory.post_generation
    def history(self, create: bool, extracted, **kwargs) -> None:
        if create and self.status != Status.DRAFT:
            self.offer_title = self.offer.title if self.offer else ""
            self.offer_reference = self.offer.reference if self.offer else ""
            self.status_changed_at = self.submitted_at
            if self.stage_id is None and self.status != Status.WITHDRAWN:
                # The first stage showing the status (the default stages exist).
                self.stage = (
                    Stage.objects.pipeline().filter(public_status=self.status).first()
                )
            self.save()
            StatusChange.objects.create(
                application=self,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                changed_by=self.candidate,
                changed_at=self.submitted_at,
            )


class ApplicationAnswerFactory(factory.django.DjangoModelFactory):
    """A yes/no answer to a question of the offer."""

    application = factory.SubFactory(ApplicationFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    position = factory.Sequence(lambda n: n)
    question = "Do you hold a driving licence?"
    kind = QuestionKind.YES_NO
    answer = YES

    class Meta:
        model = ApplicationAnswer


class StageFactory(factory.django.DjangoModelFactory):
    """A stage at the end of the pipeline, with an e-mail."""

    name = factory.Sequence(lambda n: f"Stage {n}")
    public_status = Status.IN_REVIEW
    email_subject = "About “{offer_title}”"
    email_body = "Hello {first_name},\n\nYour application moves on: {stage}."
    sort_order = factory.Sequence(lambda n: 100 + n)

    class Meta:
        model = Stage
