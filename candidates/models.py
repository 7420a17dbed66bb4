"""The people who use the portal: candidates, HR recruiters and content editors,
with what a candidate tells about themselves and the agreements they accepted."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .languages import default_language, language_choices


class CandidateUserManager(UserManager):
    """Looks users up by username or e-mail regardless of case."""

    def get_by_natural_key(self, username: str) -> User:
        return self.get(username__iexact=username)


class User(AbstractUser):
    """Every account of the site; a candidate is a user who is neither staff nor HR.

    E-mail addresses and usernames are unique regardless of case.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    # Retention (manage.py purge_inactive_candidates): when the candidate was told
    # that their inactive account will be erased; cleared when they come back.
    inactivity_warned_at = models.DateTimeField(
        _("warned of erasure for inactivity at"), null=True, blank=True, editable=False
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=_("The language of the e-mails we send you."),
    )

    objects = CandidateUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidates_user_email_ci_unique",
                violation_error_message=_(
                    "An account with this e-mail already exists."
                ),
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="candidates_user_username_ci_unique",
                violation_error_message=_("This username is already taken."),
            ),
        ]
        permissions = [
            ("erase_candidate", _("Can erase a candidate's account and data")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # Stored in lower case, as allauth looks addresses up (and unique anyway).
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).strip()


#: The account's fields and the profile's contact details that an application
#: shows filled in and saves back (``CandidateProfile.keep_contact_details``).
USER_FIELDS = ("first_name", "last_name")
CONTACT_FIELDS = ("phone", "address", "postal_code", "city", "country")


class CandidateProfile(models.Model):
    """What a candidate tells about themselves beyond their account: contact details
    and a short presentation, read by HR with each application."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_profile",
        verbose_name=_("user"),
    )
    headline = models.CharField(
        _("current position or title"),
        max_length=150,
        blank=True,
        help_text=_("For example: Accountant, or Student in logistics."),
    )
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(
        _("website or online profile"),
        max_length=500,
        blank=True,
        help_text=_("A professional profile or portfolio, starting with https://"),
    )
    summary = models.TextField(
        _("about me"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences about you and the job you are looking for."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("candidates:profile")

    @classmethod
    def contact_details(cls, user: User) -> dict[str, str]:
        """The candidate's names and contact details, for a form that shows them
        filled in (an application)."""
        profile = cls.objects.filter(user=user).first()
        details = {"first_name": user.first_name, "last_name": user.last_name}
        for name in CONTACT_FIELDS:
            details[name] = getattr(profile, name) if profile else ""
        return details

    @classmethod
    def keep_contact_details(cls, user: User, details: dict[str, str]) -> None:
        """Saves in the account and "My profile" the names and contact details
        given elsewhere (an application) that differ from theirs; a blank one
        erases nothing. Run it in the transaction of what gave them."""
        given = {name: (details.get(name) or "").strip() for name in USER_FIELDS}
        changed = [
            name
            for name, value in given.items()
            if value and value != getattr(user, name)
        ]
        if changed:
            for name in changed:
                setattr(user, name, given[name])
            user.save(update_fields=changed)
        given = {name: (details.get(name) or "").strip() for name in CONTACT_FIELDS}
        if not any(given.values()):
            return
        profile, _created = cls.objects.get_or_create(user=user)
        changed = [
            name
            for name, value in given.items()
            if value and value != getattr(profile, name)
        ]
        if changed:
            for name in changed:
                setattr(profile, name, given[name])
            profile.save(update_fields=[*changed, "updated_at"])


class Experience(models.Model):
    """One position in a candidate's professional experience."""

    profile = models.ForeignKey(
        CandidateProfile,
        on_delete=models.CASCADE,
        related_name="experiences",
        verbose_name=_("profile"),
    )
    job_title = models.CharField(_("job title"), max_length=150)
    employer = models.CharField(_("employer"), max_length=150)
    location = models.CharField(_("location"), max_length=150, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if you still hold this position."),
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("Your missions and achievements."),
    )

    class Meta:
        verbose_name = _("professional experience")
        verbose_name_plural = _("professional experience")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="candidates_experience_end_after_start",
                violation_error_message=_("The end date comes before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.employer}"


class Education(models.Model):
    """One degree, diploma or training course of a candidate."""

    profile = models.ForeignKey(
        CandidateProfile,
        on_delete=models.CASCADE,
        related_name="education",
        verbose_name=_("profile"),
    )
    qualification = models.CharField(_("degree or qualification"), max_length=150)
    institution = models.CharField(_("school or institution"), max_length=150)
    field_of_study = models.CharField(_("field of study"), max_length=150, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("year obtained"),
        null=True,
        blank=True,
        help_text=_("Or the year you expect to obtain it."),
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = [models.F("end_year").desc(nulls_first=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="candidates_education_end_after_start",
                violation_error_message=_("The year obtained comes before the start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.qualification}, {self.institution}"


class Consent(models.Model):
    """One acceptance of the Data Protection Agreement: which published version
    (a revision of the agreement page) and when. The revision is kept as long as a
    consent points to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("user"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("version of the agreement"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=_("The language of the agreement's text the candidate accepted."),
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "revision"], name="candidates_consent_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.accepted_at:%Y-%m-%d %H:%M}"


class OptionalConsent(models.Model):
    """One answer to an optional consent (never required to use the site), kept
    as a history: the latest row per purpose is the candidate's current choice."""

    class Purpose(models.TextChoices):
        TALENT_POOL = (
            "talent_pool",
            _("Keep my profile in the talent pool after an application is declined"),
        )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="optional_consents",
        verbose_name=_("user"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    granted = models.BooleanField(_("granted"))
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("optional consent")
        verbose_name_plural = _("optional consents")
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose", "-answered_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.purpose}: {self.granted}"


class Document(models.Model):
    """A file in a candidate's library ("My documents"): a CV, a letter or another
    document, reused in every application. The file lives in the private storage
    under a random key (see home/storage.py); only its owner and HR fetch it."""

    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        LETTER = "letter", _("Motivation letter")
        OTHER = "other", _("Other document")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("owner"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.CV
    )
    name = models.CharField(_("name"), max_length=100)
    filename = models.CharField(_("file name"), max_length=120)
    key = models.CharField(_("storage key"), max_length=255, unique=True)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Empty until clamd found the file clean (no scanner in the demo); HR's download
    # scans a document still without it first (candidates/documents.py).
    scanned_at = models.DateTimeField(
        _("scanned for viruses at"),
        null=True,
        blank=True,
        help_text=_("When the antivirus last found the file clean."),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("candidates:document_edit", args=[self.pk])


class SavedOffer(models.Model):
    """An offer a candidate keeps to come back to ("Saved offers" in their space);
    it goes with the account."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_offers",
        verbose_name=_("candidate"),
    )
    offer = models.ForeignKey(
        "offers.OfferPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("offer"),
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved offer")
        verbose_name_plural = _("saved offers")
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "offer"], name="one_saved_offer_per_candidate"
            )
        ]

    def __str__(self) -> str:
        return str(self.offer)
