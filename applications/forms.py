"""The application form of candidates, and HR's status and note forms."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from candidates.documents import DocumentFileField
from candidates.forms import phone_validator
from candidates.models import Document, User
from offers.models import JobFamily, Location
from offers.questions import Question

from . import answers
from .models import Application, Stage

OWN_DOCUMENT = _("Choose one of your own documents.")


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, document: Document) -> str:
        return f"{document.name} ({document.file_type.upper()})"


class ApplicationForm(forms.Form):
    """Apply to an offer, or send a speculative application (``speculative``).

    Only the fields below are read from the request: a ``status`` or a ``candidate``
    in the POST is ignored. Documents are chosen among the candidate's own.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=32,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    # Contact details of "My profile": shown filled in, saved back there.
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    job_families = forms.ModelMultipleChoiceField(
        label=_("Job families you are interested in"),
        queryset=JobFamily.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where you would like to work"),
        queryset=Location.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cv = DocumentChoiceField(
        label=_("CV from my documents"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": OWN_DOCUMENT},
    )
    cv_upload = DocumentFileField(label=_("Or upload a new CV"), required=False)
    letter = DocumentChoiceField(
        label=_("Motivation letter from my documents (optional)"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("No motivation letter"),
        blank=True,  # the empty choice stays a radio button of its own
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": OWN_DOCUMENT},
    )
    letter_upload = DocumentFileField(
        label=_("Or upload a new letter (optional)"), required=False
    )
    message = forms.CharField(
        label=_("Message to HR (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self,
        *args,
        candidate: User,
        speculative: bool,
        submitting: bool = False,
        questions: Sequence[Question] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        # The offer's questions (none for a speculative application): required
        # ones only to send, a draft may leave them.
        answers.add_question_fields(
            self, questions, draft=self.is_bound and not submitting
        )
        # Each list offers its own kind of document, the newest first.
        own = Document.objects.filter(owner=candidate).order_by("-uploaded_at", "-pk")
        cvs = list(own.filter(kind=Document.Kind.CV))
        letters = own.filter(kind=Document.Kind.LETTER)
        self.fields["cv"].queryset = own.filter(kind=Document.Kind.CV)
        self.fields["letter"].queryset = letters
        if not speculative:
            del self.fields["job_families"]
            del self.fields["locations"]
        if not cvs:
            del self.fields["cv"]
            self.fields["cv_upload"].label = _("Your CV")
        elif not self.is_bound and not self.initial.get("cv"):
            # A returning candidate's newest CV, chosen for them.
            self.initial["cv"] = cvs[0].pk
        if not letters.exists():
            del self.fields["letter"]
            self.fields["letter_upload"].label = _("Your motivation letter (optional)")
        # Needed to send, not to save a draft: marked as required all the same.
        cv_field = "cv" if "cv" in self.fields else "cv_upload"
        for name in ("first_name", "last_name", cv_field):
            self.fields[name].marked_required = True

    @staticmethod
    def initial_from(application: Application, profile: dict | None = None) -> dict:
        """The form as the application left it; what it leaves blank, from the
        contact details of "My profile" (``profile``)."""
        initial = {
            "first_name": application.first_name,
            "last_name": application.last_name,
            "phone": application.phone,
            "cv": application.cv_id,
            "letter": application.letter_id,
            "message": application.message,
            "job_families": list(application.job_families.all())
            if application.pk
            else [],
            "locations": list(application.locations.all()) if application.pk else [],
            **answers.initial_answers(application),
        }
        for name, value in (profile or {}).items():
            if not initial.get(name):
                initial[name] = value
        return initial

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[answers.field_name(question)] for question in self.questions]

    def clean(self) -> dict:
        data = super().clean()
        if self.submitting:
            for name in ("first_name", "last_name"):
                if (
                    name in self.fields
                    and not data.get(name)
                    and name not in self.errors
                ):
                    self.add_error(
                        name,
                        _("Give your %(field)s.")
                        % {"field": str(self.fields[name].label).lower()},
                    )
            has_cv = data.get("cv") or data.get("cv_upload")
            if not has_cv and not {"cv", "cv_upload"} & set(self.errors):
                field = "cv" if "cv" in self.fields else "cv_upload"
                self.add_error(
                    field, ValidationError(_("Choose or upload a CV."), code="required")
                )
        return data


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, stage: Stage) -> str:
        return _("%(stage)s (candidate sees: %(status)s)") % {
            "stage": stage.name,
            "status": stage.get_public_status_display(),
        }


class StatusForm(forms.Form):
    """HR moves an application to a stage, the next one proposed, and chooses
    whether to tell the candidate with the stage's e-mail."""

    stage = StageChoiceField(
        label=_("Move to the stage"),
        queryset=Stage.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the stages.")},
    )
    notify = forms.BooleanField(
        label=_("Notify the candidate by e-mail"),
        required=False,
        help_text=_("With the stage's e-mail template; recorded in the history."),
    )
    message = forms.CharField(
        label=_("Message to the candidate (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Added after the stage's e-mail; kept in the status history."),
    )

    def __init__(
        self,
        *args,
        application: Application,
        stages: list[Stage],
        proposed: Stage | None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        field.queryset = Stage.objects.pipeline().exclude(pk=application.stage_id)
        # The choices come from the list already read (no query per render).
        field.choices = [
            (stage.pk, field.label_from_instance(stage))
            for stage in stages
            if stage.pk != application.stage_id
        ]
        if proposed is not None:
            self.initial.setdefault("stage", proposed.pk)
            self.initial.setdefault(
                "notify", proposed.has_email and proposed.notify_by_default
            )


class BulkMoveForm(forms.Form):
    """HR moves the applications ticked in the list to one stage."""

    stage = StageChoiceField(
        label=_("Move the selected applications to"),
        queryset=Stage.objects.pipeline(),
        empty_label=_("Choose a stage"),
        error_messages={
            "required": _("Choose the stage to move them to."),
            "invalid_choice": _("Choose one of the stages."),
        },
    )
    notify = forms.BooleanField(
        label=_("Notify the candidates with the stage's e-mail"),
        required=False,
        initial=True,
    )
    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.sent(),
        error_messages={
            "required": _("Tick at least one application."),
            "invalid_pk_value": _("Tick applications of the list."),
            "invalid_choice": _("Tick applications of the list."),
        },
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by HR only, never by the candidate."),
    )
