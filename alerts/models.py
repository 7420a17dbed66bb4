"""Job alerts that candidates keep, and the record of what each was sent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.choices import ContractType, RemotePolicy

from . import keywords as keyword_words
from .choices import Frequency
from .fields import ChoiceSetField


class JobAlert(models.Model):
    """A candidate's preferences for new offers: each criterion is optional and an
    empty one means any value; an offer must meet every criterion given."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="job_alerts",
    )
    active = models.BooleanField(
        _(
            "Send me an alert by e-mail when an offer corresponding to my preferences "
            "is published"
        ),
        default=True,
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=200,
        blank=True,
        help_text=_(
            "Words that must all appear in the offer's title or description, such "
            "as “python developer”. Leave empty for any offer."
        ),
    )
    job_families = models.ManyToManyField(
        "offers.JobFamily",
        verbose_name=_("job families"),
        blank=True,
        related_name="job_alerts",
    )
    locations = models.ManyToManyField(
        "offers.Location",
        verbose_name=_("locations"),
        blank=True,
        related_name="job_alerts",
    )
    contract_types = ChoiceSetField(_("contract types"))
    remote_policies = ChoiceSetField(_("remote work"))
    languages = ChoiceSetField(
        _("languages"),
        help_text=_("The languages of the offers to send; none means any language."),
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_digest_at = models.DateTimeField(
        _("last digest sent at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        indexes = [
            models.Index(
                fields=["frequency"],
                condition=models.Q(active=True),
                name="alerts_active_frequency_idx",
            )
        ]

    def __str__(self) -> str:
        return self.describe()

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "keywords" not in update_fields:
            super().save(*args, **kwargs)
            return
        self.keywords = " ".join(self.keywords.split())
        words = keyword_words.words(self.keywords)
        with transaction.atomic():
            super().save(*args, **kwargs)
            stored = set(self.keyword_rows.values_list("word", flat=True))
            if stored != set(words):
                self.keyword_rows.all().delete()
                AlertKeyword.objects.bulk_create(
                    AlertKeyword(alert=self, word=word) for word in words
                )

    def get_absolute_url(self) -> str:
        return reverse("alerts:edit", kwargs={"pk": self.pk})

    @property
    def contract_type_labels(self) -> list[str]:
        labels = dict(ContractType.choices)
        return [str(labels.get(value, value)) for value in self.contract_types]

    @property
    def remote_policy_labels(self) -> list[str]:
        labels = dict(RemotePolicy.choices)
        return [str(labels.get(value, value)) for value in self.remote_policies]

    def criteria(self) -> list[tuple[str, str]]:
        """(label, values) of each criterion given, for the candidate to read; the
        languages, most often the candidate's own, are left to the form."""
        rows = []
        if self.keywords:
            rows.append((str(_("Keywords")), self.keywords))
        for label, values in (
            (_("Job families"), [str(f) for f in self.job_families.all()]),
            (_("Locations"), [str(place) for place in self.locations.all()]),
            (_("Contract types"), self.contract_type_labels),
            (_("Remote work"), self.remote_policy_labels),
        ):
            if values:
                rows.append((str(label), ", ".join(values)))
        return rows

    def describe(self) -> str:
        """A one-line summary such as “python · Lyon, France · Permanent”."""
        if self.pk is None:
            return str(_("New alert"))
        parts = [values for _label, values in self.criteria()]
        return " · ".join(parts) if parts else str(_("Every new offer"))

    def reactivate(self) -> None:
        """Turned back on: digests start from now rather than from the last one."""
        self.active = True
        self.last_digest_at = timezone.now()


class AlertKeyword(models.Model):
    """One folded word of an alert's keywords (see ``alerts.keywords``): matching
    looks the words of an offer up here, through an index."""

    alert = models.ForeignKey(
        JobAlert, on_delete=models.CASCADE, related_name="keyword_rows"
    )
    word = models.CharField(max_length=keyword_words.MAX_WORD_LENGTH)

    class Meta:
        verbose_name = _("alert keyword")
        verbose_name_plural = _("alert keywords")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "word"], name="alerts_keyword_alert_word_unique"
            )
        ]
        indexes = [models.Index(fields=["word", "alert"], name="alerts_keyword_idx")]

    def __str__(self) -> str:
        return self.word


class AlertDelivery(models.Model):
    """An offer sent to a candidate because of one of their alerts.

    Written in the same transaction as the e-mail is handed over, under two unique
    constraints: an alert never sends an offer twice, and neither does a candidate
    receive one offer twice, however many of their alerts match it.
    """

    alert = models.ForeignKey(
        JobAlert,
        verbose_name=_("alert"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        help_text=_("Emptied when the candidate deletes the alert."),
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="job_alert_deliveries",
    )
    offer = models.ForeignKey(
        "offers.OfferPage",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="alert_deliveries",
    )
    frequency = models.CharField(_("sent"), max_length=10, choices=Frequency.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "offer"], name="alerts_delivery_alert_offer_unique"
            ),
            models.UniqueConstraint(
                fields=["candidate", "offer"],
                name="alerts_delivery_candidate_offer_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} → {self.candidate_id}"
