"""What candidates send: applications to an offer or speculative ones, their status
history, HR's private notes and the e-mails they cause (an outbox, sent once)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from candidates.languages import language_choices
from candidates.models import Document
from offers.choices import QuestionKind
from offers.models import JobFamily, Location, OfferPage
from offers.questions import YES_NO_CHOICES

from .choices import CLOSED, STAGE_STATUSES, WITHDRAWABLE, Source, Status
from .placeholders import PLACEHOLDER_HELP, PLACEHOLDER_HELP_LIST, unknown_placeholders

# An active speculative application blocks a second one until it is closed.
ACTIVE_SPECULATIVE = models.Q(speculative=True) & ~models.Q(
    status__in=[Status.HIRED, Status.REJECTED, Status.WITHDRAWN]
)


class StageQuerySet(models.QuerySet):
    def pipeline(self) -> StageQuerySet:
        """The pipeline's stages, in HR's order: those of the default language;
        the other languages' rows are translations of their e-mails."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
            "sort_order", "pk"
        )


class Stage(TranslatableMixin, PreviewableMixin, index.Indexed, Orderable):
    """A step of HR's pipeline (New, Screening, Interview...), in the order HR
    gives them, mapped to the public status candidates read, with the e-mail sent
    to the candidate when an application enters it. A snippet HR edits; its
    translations (same ``translation_key``) are the e-mail in other languages."""

    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_(
            "What HR calls this step, e.g. “Phone screening”. Never shown "
            "to candidates."
        ),
    )
    public_status = models.CharField(
        _("status the candidate sees"),
        max_length=20,
        choices=[(status.value, status.label) for status in STAGE_STATUSES],
        help_text=_(
            "Candidates only ever read this status, in “My applications” "
            "and in e-mails, never the stage's name."
        ),
    )
    is_terminal = models.BooleanField(
        _("final stage"),
        default=False,
        help_text=_("A decision: the application is closed once it is here."),
    )
    notify_by_default = models.BooleanField(
        _("notify the candidate by default"),
        default=True,
        help_text=_(
            "Whether “Notify the candidate” is ticked when an application "
            "is moved to this stage (only for a stage with an e-mail)."
        ),
    )
    email_subject = models.CharField(
        _("e-mail subject"),
        max_length=200,
        blank=True,
        help_text=format_lazy(
            "{} {}",
            _("Leave empty to send no e-mail for this stage."),
            PLACEHOLDER_HELP,
        ),
    )
    email_body = models.TextField(
        _("e-mail text"),
        max_length=5000,
        blank=True,
        help_text=format_lazy(
            "{} {}", _("Plain text; blank lines separate paragraphs."), PLACEHOLDER_HELP
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("public_status"), FieldPanel("is_terminal")]),
        MultiFieldPanel(
            [
                FieldPanel("notify_by_default"),
                FieldPanel("email_subject"),
                FieldPanel("email_body"),
            ],
            heading=_("E-mail to the candidate"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The pipeline is one: a translation changes only the words of the e-mail.
    override_translatable_fields = [
        SynchronizedField("public_status"),
        SynchronizedField("is_terminal"),
        SynchronizedField("notify_by_default"),
        SynchronizedField("sort_order"),
    ]

    objects = StageQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="applications_stage_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def in_language(self, language: str) -> Stage:
        """This stage's translation in ``language``, or the stage itself when it
        has none (its e-mail then goes out in the default language's words)."""
        return (
            Stage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=language,
            ).first()
            or self
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("email_subject", "email_body"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                errors[field] = _(
                    "Unknown placeholder(s): %(unknown)s. Use only: %(known)s."
                ) % {"unknown": ", ".join(unknown), "known": PLACEHOLDER_HELP_LIST}
        if (
            self.locale_id
            and Stage.objects.filter(locale_id=self.locale_id, name=self.name)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["name"] = _("This name is already used in this language.")
        if bool(self.email_subject.strip()) != bool(self.email_body.strip()):
            field = "email_body" if self.email_subject.strip() else "email_subject"
            errors.setdefault(
                field, _("Give both a subject and a text, or neither (no e-mail).")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_email(self) -> bool:
        return bool(self.email_subject.strip() and self.email_body.strip())

    def get_preview_template(self, request, mode_name):
        return "applications/admin/stage_preview.html"

    def get_preview_context(self, request, mode_name):
        """The stage's e-mail as a sample candidate would receive it."""
        from .emails import render_stage_email, sample_application

        context = super().get_preview_context(request, mode_name)
        if self.has_email and not (
            unknown_placeholders(self.email_subject)
            or unknown_placeholders(self.email_body)
        ):
            context["email"] = render_stage_email(
                sample_application(), self, _("A message HR may add.")
            )
        return context


class ApplicationQuerySet(models.QuerySet):
    def sent(self) -> ApplicationQuerySet:
        """What HR sees: every application but drafts."""
        return self.exclude(status=Status.DRAFT)

    def for_list(self) -> ApplicationQuerySet:
        return self.select_related("candidate", "offer", "cv", "letter")

    def open(self) -> ApplicationQuerySet:
        """Sent applications HR still considers (not decided, not withdrawn)."""
        return self.sent().exclude(status__in=CLOSED)


class Application(models.Model):
    """A candidate's application to an offer, or a speculative one (no offer, with
    wished job families and places). A draft until submitted, then locked; HR moves
    it through the statuses."""

    # Empty once the candidate erased their account and the sent application was
    # kept anonymised (setting ERASURE_SENT_APPLICATIONS).
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("candidate"),
    )
    offer = models.ForeignKey(
        OfferPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("offer"),
    )
    speculative = models.BooleanField(_("speculative"), default=False)
    # Kept from the offer when the application is sent: the offer may be deleted.
    offer_title = models.CharField(_("offer title"), max_length=255, blank=True)
    offer_reference = models.CharField(_("offer reference"), max_length=32, blank=True)
    job_families = models.ManyToManyField(
        JobFamily,
        blank=True,
        related_name="+",
        verbose_name=_("wished job families"),
    )
    locations = models.ManyToManyField(
        Location, blank=True, related_name="+", verbose_name=_("wished locations")
    )
    # The public status, set from the stage (or by the candidate: draft, sent,
    # withdrawn): the one vocabulary candidates, e-mails and exports read.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("stage"),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=Source.choices,
        blank=True,
        help_text=_("Where the candidate came from when they opened the offer."),
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    cv = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications_as_cv",
        verbose_name=_("CV"),
    )
    letter = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications_as_letter",
        verbose_name=_("motivation letter"),
    )
    message = models.TextField(_("message"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        blank=True,
        editable=False,
        help_text=_("The language of the site when the candidate sent it."),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "offer"],
                condition=models.Q(offer__isnull=False),
                name="applications_once_per_offer",
                violation_error_message=_("You have already applied to this offer."),
            ),
            models.UniqueConstraint(
                fields=["candidate"],
                condition=ACTIVE_SPECULATIVE,
                name="applications_one_active_speculative",
                violation_error_message=_(
                    "You already have a speculative application in progress."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        permissions = [
            ("view_candidates", _("Can view candidates and their documents")),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_name} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    @property
    def candidate_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        if name:
            return name
        if self.candidate_id is None:
            return str(_("Anonymised candidate"))
        return str(self.candidate)

    @property
    def candidate_email(self) -> str:
        return self.candidate.email if self.candidate_id else ""

    @property
    def title(self) -> str:
        if self.speculative:
            return str(_("Speculative application"))
        if self.offer_id and self.offer:
            return self.offer.title
        return self.offer_title or str(_("Deleted offer"))

    @property
    def reference(self) -> str:
        if self.offer_id and self.offer:
            return self.offer.reference
        return self.offer_reference

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def can_withdraw(self) -> bool:
        return self.status in WITHDRAWABLE

    @property
    def candidate_status(self) -> str:
        """The public status: never the name of HR's stage."""
        return str(Status(self.status).label)

    @property
    def document_count(self) -> int:
        return (self.cv_id is not None) + (self.letter_id is not None)

    @property
    def offer_is_open(self) -> bool:
        return self.speculative or bool(self.offer_id and self.offer.is_open)

    def apply_url(self) -> str:
        if self.speculative:
            return reverse("applications:speculative")
        if self.offer_id:
            return reverse("applications:apply", kwargs={"slug": self.offer.slug})
        return self.get_absolute_url()


class StatusChange(models.Model):
    """One step of an application's history: who moved it, when, and the message
    the candidate was told, if any."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("application"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    message = models.TextField(_("message to the candidate"), blank=True)
    candidate_notified = models.BooleanField(_("candidate told"), default=False)
    stage = models.ForeignKey(
        Stage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage"),
    )
    # Kept as they were: the stage may be renamed or deleted later.
    stage_name = models.CharField(_("stage name"), max_length=80, blank=True)
    email_subject = models.CharField(_("e-mail subject"), max_length=300, blank=True)
    email_body = models.TextField(_("e-mail text"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        if self.stage_name:
            return f"{self.stage_name} ({self.get_to_status_display()})"
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Note(models.Model):
    """A private note of HR about an application; candidates never see it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("application"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:50]


class DocumentAccess(models.Model):
    """The access log: each time a member of staff views or downloads a
    candidate's document from the admin (who, when, through which application)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        DOWNLOAD = "download", _("downloaded")

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="accesses",
        verbose_name=_("document"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="document_accesses",
        verbose_name=_("application"),
    )
    accessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("accessed by"),
    )
    # Kept when the staff account is deleted later.
    accessed_by_name = models.CharField(_("accessed by (name)"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    accessed_at = models.DateTimeField(_("accessed at"), default=timezone.now)

    class Meta:
        verbose_name = _("document access")
        verbose_name_plural = _("document accesses")
        ordering = ["-accessed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.accessed_by_name} {self.action} {self.document_id}"


class ReviewerVisit(models.Model):
    """When a member of HR last opened the applications list: what the dashboard
    and the offer list count as new was sent after it. Kept across log-ins."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("user"),
    )
    applications_seen_at = models.DateTimeField(_("applications list seen at"))

    class Meta:
        verbose_name = _("reviewer visit")
        verbose_name_plural = _("reviewer visits")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.applications_seen_at:%Y-%m-%d %H:%M}"


class ApplicationAnswer(models.Model):
    """A candidate's answer to one question of the offer, with the question as it
    was asked (wording, kind, options): HR may edit or delete the offer's
    questions later without changing what was sent."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("application"),
    )
    # The question's key in the offer (its block's id): a draft finds it again.
    key = models.CharField(_("question key"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    # Text, a list of texts (multiple choice), or None when not answered.
    answer = models.JSONField(_("answer"), null=True, blank=True)
    knocked_out = models.BooleanField(
        _("knock-out answer"),
        default=False,
        help_text=_("The candidate gave the answer HR set as ruling them out."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "key"], name="applications_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.display}"

    @property
    def display(self) -> str:
        """The answer as HR and the candidate read it ("" when not answered)."""
        return display_answer(self.kind, self.answer)


def display_answer(kind: str, answer: Any) -> str:
    """An answer as people read it ("" when not answered)."""
    if answer is None or answer in ("", []):
        return ""
    if kind == QuestionKind.YES_NO:
        return str(dict(YES_NO_CHOICES).get(answer, answer))
    if isinstance(answer, list):
        return "; ".join(str(item) for item in answer)
    if kind == QuestionKind.DATE:
        try:
            return formats.date_format(date.fromisoformat(answer), "DATE_FORMAT")
        except (TypeError, ValueError):
            return str(answer)
    return str(answer)
