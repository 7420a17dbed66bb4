"""Job offers as Wagtail pages, and the taxonomies HR sorts them by."""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Page,
    PageManager,
    TranslatableMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyStreamBlock, GalleryImageBlock, PersonBlock, QuoteBlock
from home.models import BasePage
from home.search import index_object

from .apply_state import apply_state
from .choices import (
    EMPLOYMENT_TYPES,
    MONTHS_OF_EXPERIENCE,
    WORKING_TIME_TYPES,
    ContractType,
    ExperienceLevel,
    RemotePolicy,
    SalaryPeriod,
    WorkingTime,
)
from .forms import OfferPageForm
from .permissions import OfferPermissionTester
from .questions import OfferQuestionsBlock, Question, QuestionListBlock, questions_of

if TYPE_CHECKING:
    from home.models import PortalSettings

# The job-board feed's route on the offer index (offers/job_board.py).
JOB_BOARD_FEED = "job_board_feed"
# Slugs the offer index answers itself; no offer may take them.
RESERVED_SLUGS = {"feed", "job-board-feed"}
COUNTRY_CODES = RegexValidator(
    r"^[a-z]{2}(\s*,\s*[a-z]{2})*\s*$",
    flags=re.IGNORECASE,
    message=_("Give two-letter country codes separated by commas, such as FR, BE, ES."),
)
# Letters and digits that cannot be mistaken for one another.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def reindex_offers(offers: models.QuerySet) -> None:
    """Offers carry their family and places in the search index: refresh them."""
    offers = list(offers)
    for offer in offers:
        index_object(offer)
    OfferSearchDocument.refresh(offer.pk for offer in offers)


def unique_slug(instance: TranslatableMixin, text: str) -> str:
    """A slug made from ``text`` that no other item of the same model uses (its
    own translations share it: the slug names it in every language's filters)."""
    base = slugify(text)[:70] or "item"
    slug, number = base, 2
    others = type(instance)._default_manager.exclude(
        translation_key=instance.translation_key
    )
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class JobFamily(TranslatableMixin, index.Indexed, models.Model):
    """A family of jobs (Engineering, Sales...) that HR files offers under."""

    name = models.CharField(
        _("name"), max_length=80, help_text=_("Shown to candidates.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_(
            "Used in the address of filtered lists; made from the name, the same "
            "in every language."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug names the family in filters' addresses, whatever the language.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("job family")
        verbose_name_plural = _("job families")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="offers_jobfamily_unique_name"
            ),
            models.UniqueConstraint(
                fields=["locale", "slug"], name="offers_jobfamily_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
        reindex_offers(self.offers.all())


class Location(TranslatableMixin, index.Indexed, models.Model):
    """A place of work: a city, its region and country."""

    city = models.CharField(
        _("city"), max_length=100, help_text=_("The town or city, e.g. Lyon.")
    )
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("The region or state, e.g. Auvergne-Rhône-Alpes."),
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=20,
        blank=True,
        help_text=_("Optional; helps search engines place the offer."),
    )
    country = models.CharField(
        _("country"), max_length=80, help_text=_("The country's name, e.g. France.")
    )
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters."))],
        help_text=_("The two-letter ISO 3166 code of the country, e.g. FR."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_(
            "Used in the address of filtered lists; made from the city, the same "
            "in every language."
        ),
    )

    panels = [
        FieldPanel("city"),
        FieldPanel("region"),
        FieldPanel("postal_code"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("country_code")]),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("city"),
        index.SearchField("region"),
        index.SearchField("country"),
        index.AutocompleteField("city"),
    ]
    override_translatable_fields = [
        SynchronizedField("postal_code"),
        SynchronizedField("country_code"),
        SynchronizedField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["city", "country"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="offers_location_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city}, {self.country}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.city)
        super().save(*args, **kwargs)
        reindex_offers(self.offers.all())

    def json_ld(self) -> dict[str, Any]:
        address = {
            "@type": "PostalAddress",
            "addressLocality": self.city,
            "addressRegion": self.region,
            "postalCode": self.postal_code,
            "addressCountry": self.country_code,
        }
        return {
            "@type": "Place",
            "address": {key: value for key, value in address.items() if value},
        }


def check_name_unique_in_locale(instance: TranslatableMixin) -> None:
    """A name used once per language: the database's constraint names the
    locale, which the editor's form does not show, so the form checks it."""
    if not instance.locale_id:
        return
    others = (
        type(instance)
        .objects.filter(locale_id=instance.locale_id, name=instance.name)
        .exclude(pk=instance.pk)
    )
    if others.exists():
        raise ValidationError(
            {"name": _("This name is already used in this language.")}
        )


class QuestionSet(TranslatableMixin, models.Model):
    """Questions HR asks in several offers (e.g. "Availability"), kept once and
    included in each offer's questions; translated like the offers that ask them."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("For HR only, e.g. Availability; candidates never see it."),
    )
    questions = StreamField(
        QuestionListBlock(),
        verbose_name=_("questions"),
        help_text=_(
            "Asked, in this order, by every offer that includes the set; answers "
            "already sent keep the questions as they were asked."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("questions")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="offers_questionset_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        check_name_unique_in_locale(self)


class OfferQuerySet(PageQuerySet):
    def open(self, today: date | None = None) -> OfferQuerySet:
        """Live offers, not filled, whose closing date, if any, has not passed."""
        today = today or timezone.localdate()
        return self.filter(live=True, filled=False).filter(
            models.Q(closing_date__isnull=True) | models.Q(closing_date__gte=today)
        )

    def cards(self) -> OfferQuerySet:
        """What an offer card shows (``components/offer_card.html``) and no more:
        its title and address, its facts with the family read along, the
        places in one more query."""
        return (
            self.select_related("job_family")
            .prefetch_related("locations")
            .only(*CARD_FIELDS)
        )


#: The columns an offer card reads (``OfferQuerySet.cards``): any other is
#: read on its own, one query per card, when a template asks for it (the
#: query counts pinned by the tests would tell).
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "locale_id",
    "live",
    "first_published_at",
    "job_family__name",
    "job_family__slug",
    "contract_type",
    "remote_policy",
    "closing_date",
    "filled",
)

OfferManager = PageManager.from_queryset(OfferQuerySet)

SECTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class OfferTemplate(TranslatableMixin, index.Indexed, models.Model):
    """Default sections HR starts a new offer from (missions and profile
    skeletons, benefits, recruitment process), then edits in the offer; one
    translation per language, for offers written in it."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_(
            "What recruiters choose in a new offer, e.g. 'Engineering, permanent'."
        ),
    )
    missions = RichTextField(
        _("missions"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_(
            "A skeleton of the job's missions; recruiters complete it in the offer."
        ),
    )
    profile = RichTextField(
        _("profile sought"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("A skeleton of the profile sought, completed in the offer."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("more about the job"),
        help_text=_(
            "Sections shared by offers of this kind: benefits, recruitment process."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("missions"),
        FieldPanel("profile"),
        FieldPanel("body"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("offer template")
        verbose_name_plural = _("offer templates")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="offers_offertemplate_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        check_name_unique_in_locale(self)

    def sections_for(self, sections: dict[str, Any]) -> dict[str, Any]:
        """The template's sections for those of ``sections`` that are empty."""
        filled = {"missions": self.missions, "profile": self.profile}
        if self.body:
            filled["body"] = self.body.raw_data
        return {
            name: value
            for name, value in filled.items()
            if value and not has_content(sections.get(name))
        }


def has_content(value: Any) -> bool:
    """Whether a section holds something: rich text with words in it, or a stream
    with blocks."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(re.sub(r"<[^>]*>|&nbsp;|\s", "", value))
    return len(value) > 0


class OfferIndexPage(RoutablePageMixin, BasePage):
    """The listing of open offers, with search and filters, its RSS feed and its
    job-board feed (``offers/job_board.py``)."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph shown above the offers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["offers.OfferPage"]
    max_count = 1
    page_description = _(
        "The list of job offers, with search and filters (one per site)."
    )

    class Meta:
        verbose_name = _("offer index page")

    def permissions_for_user(self, user) -> OfferPermissionTester:
        return OfferPermissionTester(user, self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any):
        from .search import OfferSearch

        context = super().get_context(request, *args, **kwargs)
        context.update(OfferSearch(request.GET, self.locale_id).context())
        form = context["search_form"]
        chosen = form.cleaned_data if form.is_valid() else {}
        context["team_pages"], context["location_pages"] = pages_about(
            family_slugs=chosen.get("family") or [],
            location_slugs=chosen.get("location") or [],
            locale_id=self.locale_id,
        )
        context["feed_url"] = self.get_url(request) + self.reverse_subpage("feed")
        return context

    def get_cached_paths(self) -> list[str]:
        """What a CDN purges when the listing is published: it and its feeds."""
        return ["/", "/feed/", "/job-board-feed/"]

    @path("feed/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import OfferFeed

        return OfferFeed(self)(request)

    @path("job-board-feed/", name=JOB_BOARD_FEED)
    def job_board_feed(self, request: HttpRequest) -> HttpResponse:
        from .job_board import job_board_feed

        return job_board_feed(self, request)

    def get_sitemap_urls(self, request: HttpRequest | None = None):
        latest = (
            OfferPage.objects.open()
            .filter(locale_id=self.locale_id)
            .order_by("-last_published_at")
            .values_list("last_published_at", flat=True)
            .first()
        )
        urls = super().get_sitemap_urls(request)
        dates = [date for date in (urls[0]["lastmod"], latest) if date]
        urls[0]["lastmod"] = max(dates) if dates else None
        return urls


class OfferPage(BasePage):
    """A job offer that HR recruiters write, schedule, publish and close."""

    reference = models.CharField(
        _("reference"),
        max_length=32,
        db_index=True,
        blank=True,
        help_text=_(
            "The offer's reference, quoted by candidates; leave empty to have one "
            "made for you. The same in every language."
        ),
    )
    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("job family"),
        null=True,
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_("The family candidates filter offers by."),
    )
    locations = ParentalManyToManyField(
        Location,
        verbose_name=_("locations"),
        blank=True,
        related_name="offers",
        help_text=_("Where the job is done; one or more places."),
    )
    remote_policy = models.CharField(
        _("remote work"),
        max_length=20,
        choices=RemotePolicy.choices,
        default=RemotePolicy.ON_SITE,
        help_text=_("Whether the job can be done from home, partly or fully."),
    )
    remote_countries = models.CharField(
        _("countries allowed for full remote"),
        max_length=200,
        blank=True,
        validators=[COUNTRY_CODES],
        help_text=_(
            "For full remote only: the two-letter codes of the countries candidates "
            "may live in, separated by commas (e.g. FR, BE)."
        ),
    )
    contract_type = models.CharField(
        _("contract type"),
        max_length=20,
        choices=ContractType.choices,
        default=ContractType.PERMANENT,
        help_text=_("The kind of contract offered."),
    )
    working_time = models.CharField(
        _("working time"),
        max_length=20,
        choices=WorkingTime.choices,
        default=WorkingTime.FULL_TIME,
        help_text=_("Full or part time."),
    )
    experience_level = models.CharField(
        _("experience level"),
        max_length=20,
        choices=ExperienceLevel.choices,
        blank=True,
        help_text=_("The experience expected; leave empty if any level is welcome."),
    )
    salary_min = models.DecimalField(
        _("minimum salary"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional; gross. Fill in the minimum alone for a fixed salary."),
    )
    salary_max = models.DecimalField(
        _("maximum salary"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Optional; gross; at least the minimum."),
    )
    salary_currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters."))],
        help_text=_("The ISO 4217 code of the currency, e.g. EUR."),
    )
    salary_period = models.CharField(
        _("salary period"),
        max_length=10,
        choices=SalaryPeriod.choices,
        default=SalaryPeriod.YEAR,
        help_text=_("What the amounts are paid for."),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("When the job starts; leave empty for as soon as possible."),
    )
    closing_date = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_(
            "The last day candidates can apply; the offer closes the day after. "
            "Leave empty to keep it open until it is filled."
        ),
    )
    filled = models.BooleanField(
        _("position filled"),
        default=False,
        help_text=_(
            "Tick and publish to close the offer now: it leaves the list, the feed "
            "and the sitemap, and its page says it is closed."
        ),
    )
    filled_at = models.DateTimeField(_("filled at"), null=True, editable=False)
    offer_template = models.ForeignKey(
        OfferTemplate,
        verbose_name=_("start from a template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose a template and save the draft: the missions, profile and "
            "'more about the job' sections still empty are filled from it, "
            "ready to edit."
        ),
    )
    # Required to publish, not to save a draft (Wagtail defers the check).
    missions = RichTextField(
        _("missions"),
        default="",
        features=SECTION_FEATURES,
        help_text=_("What the person hired will do; required to publish the offer."),
    )
    profile = RichTextField(
        _("profile sought"),
        default="",
        features=SECTION_FEATURES,
        help_text=_("The skills and experience sought; required to publish the offer."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("more about the job"),
        help_text=_(
            "Optional sections with headings: the team, benefits, recruitment process."
        ),
    )

    questions = StreamField(
        OfferQuestionsBlock(),
        blank=True,
        verbose_name=_("questions to candidates"),
        help_text=_(
            "Asked in the application form, in this order: questions of this offer "
            "and question sets. Answers already sent keep the questions as they "
            "were asked."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("offer_template"),
        MultiFieldPanel(
            [
                FieldPanel("reference"),
                FieldPanel("job_family"),
                FieldPanel("contract_type"),
                FieldPanel("working_time"),
                FieldPanel("experience_level"),
                FieldPanel("start_date"),
            ],
            heading=_("The job"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("locations"),
                FieldPanel("remote_policy"),
                FieldPanel("remote_countries"),
            ],
            heading=_("Place of work"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
                FieldRowPanel(
                    [FieldPanel("salary_currency"), FieldPanel("salary_period")]
                ),
            ],
            heading=_("Salary"),
        ),
        FieldPanel("missions"),
        FieldPanel("profile"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("closing_date"), FieldPanel("filled")],
            heading=_("Closing"),
        ),
    ]
    questions_panels = [FieldPanel("questions")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(questions_panels, heading=_("Questions")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(
                Page.settings_panels, heading=_("Settings"), classname="settings"
            ),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("reference"),
        index.SearchField("reference_words"),
        index.AutocompleteField("reference"),
        index.SearchField("missions"),
        index.SearchField("profile"),
        index.SearchField("body"),
        index.RelatedFields("job_family", [index.SearchField("name")]),
        index.RelatedFields(
            "locations",
            [
                index.SearchField("city"),
                index.SearchField("region"),
                index.SearchField("country"),
            ],
        ),
    ]

    # One job, one reference and one set of facts in every language: its
    # translations change the words only.
    override_translatable_fields = [
        SynchronizedField("reference"),
        SynchronizedField("remote_countries"),
        SynchronizedField("salary_currency"),
    ]

    base_form_class = OfferPageForm
    parent_page_types = ["offers.OfferIndexPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A job offer: its facts, description and closing; HR recruiters only."
    )

    objects = OfferManager()
    sharing_type = "article"

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        permissions = [
            ("manage_offers", _("Can create, edit, publish and close job offers")),
        ]
        indexes = [
            # The listing's counts read every open offer's filter columns: from
            # this index alone on PostgreSQL (an index-only scan), not from the
            # table's rows with their long texts. Other databases skip it
            # (covering indexes are PostgreSQL's).
            models.Index(
                fields=["closing_date"],
                include=[
                    "page_ptr",
                    "filled",
                    "job_family",
                    "contract_type",
                    "remote_policy",
                ],
                name="offer_filter_columns",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This slug is reserved; please choose another.")}
            )
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            raise ValidationError(
                {"salary_max": _("The maximum cannot be below the minimum.")}
            )
        if self.salary_max is not None and self.salary_min is None:
            raise ValidationError(
                {"salary_min": _("Give the minimum too, or only a minimum.")}
            )
        if self.remote_policy == RemotePolicy.FULL_REMOTE:
            if not self.remote_countries:
                raise ValidationError(
                    {
                        "remote_countries": _(
                            "Say in which countries candidates may live."
                        )
                    }
                )
        elif self.remote_countries:
            raise ValidationError(
                {"remote_countries": _("Only for offers in full remote.")}
            )
        self.remote_countries = ", ".join(self.remote_country_codes)
        self.reference = self.reference.strip().upper()
        if not self.reference:
            self.reference = self.new_reference()
        elif (
            OfferPage.objects.filter(reference=self.reference)
            .exclude(translation_key=self.translation_key)
            .exists()
        ):
            raise ValidationError({"reference": _("Another offer has this reference.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.reference:
            self.reference = self.new_reference()
        if self.filled and self.filled_at is None:
            self.filled_at = timezone.now()
        elif not self.filled:
            self.filled_at = None
        super().save(*args, **kwargs)
        # The search index is written on post_save, before the places are saved:
        # write it again now that they are, from the stored row (what is live),
        # never from this instance, which may carry an unpublished draft.
        index_object(self)
        OfferSearchDocument.refresh([self.pk])

    @staticmethod
    def new_reference() -> str:
        """A reference that no other offer has, such as ``2026-K7M3Q``."""
        while True:
            token = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))
            reference = f"{timezone.localdate():%Y}-{token}"
            if not OfferPage.objects.filter(reference=reference).exists():
                return reference

    def permissions_for_user(self, user) -> OfferPermissionTester:
        return OfferPermissionTester(user, self)

    def application_questions(self) -> list[Question]:
        """The questions the application form asks, question sets unfolded (their
        sets read in one query)."""
        return questions_of(self.questions)

    def get_sharing_description(self, locations: list[Location] | None = None) -> str:
        """What a shared link says: the summary HR wrote, else the offer's facts."""
        if summary := super().get_sharing_description():
            return summary
        if locations is None:
            locations = list(self.locations.all())
        facts = [self.get_contract_type_display(), self.get_working_time_display()]
        facts += [location.city for location in locations]
        if self.job_family_id:
            facts.append(self.job_family.name)
        return " · ".join(str(fact) for fact in facts)

    def has_description(self) -> bool:
        """Whether the offer says more than its facts."""
        return any(
            has_content(value) for value in (self.missions, self.profile, self.body)
        )

    @property
    def is_open(self) -> bool:
        return (
            self.live
            and not self.filled
            and (self.closing_date is None or self.closing_date >= timezone.localdate())
        )

    @property
    def status_label(self) -> str:
        """Open, filled, closed or draft: what HR sees in the admin list."""
        if not self.live:
            return str(_("draft"))
        if self.filled:
            return str(_("filled"))
        if not self.is_open:
            return str(_("closed"))
        return str(_("open"))

    def reference_words(self) -> str:
        """The reference split into words, as searches are: PostgreSQL reads
        ``KAM-2026-7`` as "kam", "-2026", "-7"."""
        return " ".join(re.findall(r"\w+", self.reference))

    @property
    def remote_country_codes(self) -> list[str]:
        return [
            code.strip().upper()
            for code in self.remote_countries.split(",")
            if code.strip()
        ]

    @property
    def employment_types(self) -> list[str]:
        """schema.org ``employmentType`` values, e.g. ``["FULL_TIME", "INTERN"]``."""
        return [
            WORKING_TIME_TYPES.get(self.working_time, "FULL_TIME"),
            *EMPLOYMENT_TYPES.get(self.contract_type, []),
        ]

    def valid_through(self) -> datetime | None:
        """When candidates can no longer apply: end of the closing day, or filling."""
        if self.filled:
            return self.filled_at or self.last_published_at or timezone.now()
        if self.closing_date is None:
            return None
        return timezone.make_aware(
            datetime.combine(self.closing_date, time(23, 59, 59))
        )

    def description_html(self) -> str:
        """The missions, profile and the rest as one HTML text (job postings)."""
        from django.template.loader import render_to_string

        return render_to_string(
            "offers/includes/job_posting_description.html", {"page": self}
        ).strip()

    def apply_url(self) -> str:
        """Where a candidate applies to this offer (in the active language:
        the offer's own on its page)."""
        return reverse("applications:apply", kwargs={"slug": self.slug})

    def similar_offers(self, limit: int = 3) -> list[OfferPage]:
        """Open offers of the same family first, then those in the same places,
        newest first, as cards; the places are looked at only when the family
        has too few."""
        others = (
            OfferPage.objects.open()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("-first_published_at", "-pk")
        )
        cards: list[OfferPage] = []
        if self.job_family_id:
            cards = list(
                others.filter(job_family_id=self.job_family_id).cards()[:limit]
            )
        if len(cards) < limit:
            places = OfferPage.locations.through.objects.filter(offerpage_id=self.pk)
            cards += (
                others.filter(locations__in=places.values("location_id"))
                .exclude(pk__in=[card.pk for card in cards])
                .distinct()
                .cards()[: limit - len(cards)]
            )
        return cards

    def json_ld(
        self,
        request: HttpRequest | None,
        portal_settings: PortalSettings,
        locations: list[Location] | None = None,
    ) -> dict[str, Any]:
        """The schema.org ``JobPosting`` of this offer, as Google asks for it."""
        if locations is None:
            locations = list(self.locations.all())
        organisation: dict[str, Any] = {
            "@type": "Organization",
            "name": portal_settings.organisation_name,
        }
        if portal_settings.organisation_url:
            organisation["sameAs"] = portal_settings.organisation_url
        if portal_settings.logo_id:
            rendition = portal_settings.logo.get_rendition("max-400x400")
            organisation["logo"] = (
                request.build_absolute_uri(rendition.url) if request else rendition.url
            )
        posted = self.first_published_at or timezone.now()
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": self.title,
            "description": self.description_html() or self.title,
            "datePosted": timezone.localtime(posted).date().isoformat(),
            "employmentType": self.employment_types,
            "hiringOrganization": organisation,
            "identifier": {
                "@type": "PropertyValue",
                "name": portal_settings.organisation_name,
                "value": self.reference,
            },
            "directApply": True,
            "url": self.get_full_url(request),
            # The page is served in its own language (its address's prefix).
            "inLanguage": translation.get_language(),
        }
        valid_through = self.valid_through()
        if valid_through is not None:
            data["validThrough"] = timezone.localtime(valid_through).isoformat()
        if locations:
            data["jobLocation"] = [location.json_ld() for location in locations]
        if self.remote_policy == RemotePolicy.FULL_REMOTE:
            data["jobLocationType"] = "TELECOMMUTE"
            data["applicantLocationRequirements"] = [
                {"@type": "Country", "name": code} for code in self.remote_country_codes
            ]
        if self.salary_min is not None:
            value: dict[str, Any] = {
                "@type": "QuantitativeValue",
                "unitText": self.salary_period,
            }
            if self.salary_max is not None and self.salary_max != self.salary_min:
                value["minValue"] = float(self.salary_min)
                value["maxValue"] = float(self.salary_max)
            else:
                value["value"] = float(self.salary_min)
            data["baseSalary"] = {
                "@type": "MonetaryAmount",
                "currency": self.salary_currency,
                "value": value,
            }
        if self.start_date:
            data["jobStartDate"] = self.start_date.isoformat()
        if self.experience_level:
            months = MONTHS_OF_EXPERIENCE.get(self.experience_level)
            if months is None:
                data["experienceRequirements"] = "no requirements"
            else:
                data["experienceRequirements"] = {
                    "@type": "OccupationalExperienceRequirements",
                    "monthsOfExperience": months,
                }
        if self.job_family_id:
            data["occupationalCategory"] = self.job_family.name
        return data

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any):
        from home.models import PortalSettings

        context = super().get_context(request, *args, **kwargs)
        # What every visitor sees alike (the text, the facts, the team and
        # places, the JSON-LD) is read only when the template makes it: a
        # page made afresh for a logged-in visitor takes those parts from the
        # fragment cache ({% sharedfragment %}) and reads none of it.
        locations = SimpleLazyObject(
            lambda: list(self.locations.all())  # a preview's may be unsaved
        )

        @functools.cache
        def about() -> tuple[list[Page], list[Page]]:
            return pages_about(
                family_ids=[self.job_family_id] if self.job_family_id else [],
                locale_id=self.locale_id,
                location_ids=[location.pk for location in locations],
            )

        context["locations"] = locations
        context["json_ld"] = lambda: self.json_ld(
            request, PortalSettings.for_request(request), locations
        )
        context["team_pages"] = SimpleLazyObject(lambda: about()[0])
        context["location_pages"] = SimpleLazyObject(lambda: about()[1])
        context["team_place"] = SimpleLazyObject(lambda: team_and_place(*about()))
        context["sharing_description"] = SimpleLazyObject(
            lambda: self.get_sharing_description(locations)
        )
        context["similar_offers"] = self.similar_offers()
        context["apply_state"] = apply_state(request, self)
        # The parent's address, without reading the parent: its path is ours
        # less our slug.
        url = self.get_url(request)
        context["listing_url"] = url[: url.rstrip("/").rfind("/") + 1]
        return context

    def get_sitemap_urls(self, request: HttpRequest | None = None):
        if not self.is_open:
            return []
        return super().get_sitemap_urls(request)


def purge_listing_from_frontend_cache(instance: OfferPage, **kwargs: Any) -> None:
    """An offer published or closed: the CDN drops the listing (and its feed)
    and the home page, which list it, as Wagtail drops the offer's own page."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().live().specific().filter(depth__gt=1))
    batch.purge()


def searchable_text(obj: models.Model, fields: list | None = None) -> str:
    """The words Wagtail indexes for ``obj``, read through its ``search_fields``
    (related objects included), as one text."""
    parts: list[str] = []
    for field in obj.get_search_fields() if fields is None else fields:
        if isinstance(field, index.SearchField):
            value = field.get_value(obj)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            if value:
                parts.append(str(value))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            items = related.all() if isinstance(related, models.Manager) else [related]
            parts.extend(searchable_text(item, field.fields) for item in items)
    return " ".join(part for part in parts if part)


class OfferSearchDocument(models.Model):
    """The words of a live offer as a PostgreSQL ``tsvector`` with a GIN index,
    so that a word found in every offer is matched from the index.

    Wagtail's database backend on PostgreSQL matches the concatenation of its
    index entries' title and body vectors, which no index covers; this is the
    documented alternative (a ``SearchVectorField`` with a ``GinIndex``, kept by
    the model). It is written from the stored (live) row whenever an offer, its
    family or one of its places is saved, and only on PostgreSQL behind the
    database search backend; elsewhere (SQLite, OpenSearch) Wagtail's search
    API answers and this table stays empty.
    """

    offer = models.OneToOneField(
        OfferPage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    document = SearchVectorField(null=True)

    class Meta:
        indexes = [GinIndex(fields=["document"], name="offer_search_document_gin")]

    def __str__(self) -> str:
        return f"words of offer {self.offer_id}"

    @staticmethod
    def in_use() -> bool:
        """Whether searches match these documents (PostgreSQL behind Wagtail's
        database backend)."""
        from wagtail.search.backends.database.postgres.postgres import (
            PostgresSearchBackend,
        )

        return isinstance(get_search_backend(), PostgresSearchBackend)

    @staticmethod
    def config(language: str | None = None) -> str:
        """The text search configuration of ``language`` (``SEARCH_CONFIGS``), by
        default the current one; "simple" for a language without one."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        configs = getattr(settings, "SEARCH_CONFIGS", {})
        return configs.get(language) or configs.get(language.split("-")[0], "simple")

    @classmethod
    def refresh(cls, offer_ids) -> None:
        """Writes the documents of these offers from their stored rows."""
        offer_ids = list(offer_ids)
        if not offer_ids or not cls.in_use():
            return
        offers = (
            OfferPage.objects.filter(pk__in=offer_ids)
            .select_related("job_family", "locale")
            .prefetch_related("locations")
        )
        for offer in offers:
            # Stemmed by the offer's own language, whoever saves it.
            vector = SearchVector(
                models.Value(searchable_text(offer), output_field=models.TextField()),
                config=cls.config(offer.locale.language_code),
            )
            if cls.objects.filter(offer_id=offer.pk).update(document=vector):
                continue
            try:
                with transaction.atomic():
                    cls.objects.create(offer_id=offer.pk, document=vector)
            except IntegrityError:  # written meanwhile by another transaction
                cls.objects.filter(offer_id=offer.pk).update(document=vector)


class OpenOffersMixin:
    """A page that lists the newest of the open offers it stands for, with a
    link to the listing that shows them all."""

    #: How many offers the page shows; the listing has the others.
    offers_shown = 6

    def open_offers(self) -> OfferQuerySet:
        raise NotImplementedError

    def listing_filter(self) -> str:
        """The listing's query string that shows the same offers."""
        raise NotImplementedError

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any):
        context = super().get_context(request, *args, **kwargs)
        # One more than shown: whether the listing holds others.
        offers = list(
            self.open_offers().order_by("-first_published_at", "-pk")[
                : self.offers_shown + 1
            ]
        )
        context["offers"] = offers[: self.offers_shown]
        context["more_offers"] = len(offers) > self.offers_shown
        listing = OfferIndexPage.objects.live().first()
        if listing is not None:
            context["listing_url"] = listing.get_url(request) + self.listing_filter()
        return context


class EmployerIndexPage(BasePage):
    """The list of one kind of employer page (teams, places), each shown as a
    card with its image, title and summary: one page of each kind per site."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph shown above the list."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    max_count = 1
    #: The class of the page's ``<body>`` (a hook for styles and tests).
    body_class = ""

    class Meta:
        abstract = True

    def listed_pages(self) -> PageQuerySet:
        """The pages of the kind listed; the index shows its live children."""
        raise NotImplementedError

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any):
        context = super().get_context(request, *args, **kwargs)
        context["pages"] = (
            self.listed_pages()
            .child_of(self)
            .live()
            .select_related("image")
            .prefetch_related("image__renditions")
        )
        return context


class TeamIndexPage(EmployerIndexPage):
    """The list of the company's teams, each with its own page."""

    subpage_types = ["offers.TeamPage"]
    page_description = _("The list of the teams (one per site).")
    body_class = "page-teams"
    # Wagtail names a page's template after its own class: the shared one.
    template = "offers/employer_index_page.html"

    class Meta:
        verbose_name = _("team index page")

    def listed_pages(self) -> PageQuerySet:
        return TeamPage.objects.all()


class TeamPage(OpenOffersMixin, BasePage):
    """A team or department: what it does, its people, their words and the
    open offers of its job family."""

    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("job family"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_pages",
        help_text=_(
            "The page lists the open offers of this family, and those offers "
            "link to this page."
        ),
    )
    introduction = models.TextField(
        _("what the team does"),
        help_text=_("Two or three sentences shown under the title."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the list of teams beside the team's name, as decoration."
        ),
    )
    people = StreamField(
        [("person", PersonBlock())],
        blank=True,
        verbose_name=_("people"),
        help_text=_("Members of the team, with their portraits and roles."),
    )
    quotes = StreamField(
        [("quote", QuoteBlock())],
        blank=True,
        verbose_name=_("quotes"),
        help_text=_("What members of the team say about their work."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("more content"),
        help_text=_("Optional sections: projects, tools, photos, videos."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("job_family"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("people"),
        FieldPanel("quotes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["offers.TeamIndexPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A team or department: its work, its people and its open offers."
    )

    class Meta:
        verbose_name = _("team page")

    def open_offers(self) -> OfferQuerySet:
        if self.job_family_id is None:
            return OfferPage.objects.none()
        # The family's offers in the page's language (a family's translations
        # share its slug).
        slugs = JobFamily.objects.filter(pk=self.job_family_id).values("slug")
        return (
            OfferPage.objects.open()
            .filter(locale_id=self.locale_id, job_family__slug__in=slugs)
            .cards()
        )

    def listing_filter(self) -> str:
        return f"?family={self.job_family.slug}" if self.job_family else ""

    def pages_showing_it(self) -> OfferQuerySet:
        """The offers that carry this page's quote and link (a CDN purges them
        when it changes): those of its family, in every language."""
        if self.job_family_id is None:
            return OfferPage.objects.none()
        slugs = JobFamily.objects.filter(pk=self.job_family_id).values("slug")
        return OfferPage.objects.live().filter(job_family__slug__in=slugs)


class LocationIndexPage(EmployerIndexPage):
    """The list of the company's places of work."""

    subpage_types = ["offers.LocationPage"]
    page_description = _("The list of the places of work (one per site).")
    body_class = "page-places"
    template = "offers/employer_index_page.html"

    class Meta:
        verbose_name = _("location index page")

    def listed_pages(self) -> PageQuerySet:
        return LocationPage.objects.all()


class LocationPage(OpenOffersMixin, BasePage):
    """A place of work: its address, photos, how to get there and its open
    offers."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="location_pages",
        help_text=_(
            "The page lists the open offers in this place, and those offers "
            "link to this page."
        ),
    )
    introduction = models.TextField(
        _("introduction"),
        help_text=_("Two or three sentences about the place, under the title."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the list of places beside the place's name, as decoration."
        ),
    )
    address = models.TextField(
        _("address"),
        help_text=_("The postal address, one line per line of the address."),
    )
    getting_there = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_(
            "By public transport, bicycle or car, and access for people with "
            "reduced mobility."
        ),
    )
    photos = StreamField(
        [("photo", GalleryImageBlock())],
        blank=True,
        verbose_name=_("photos"),
        help_text=_("Photos of the place, each with its text alternative."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("more content"),
        help_text=_("Optional sections: the neighbourhood, quotes, videos."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("location"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("address"),
        FieldPanel("getting_there"),
        FieldPanel("photos"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("address"),
        index.SearchField("body"),
    ]

    parent_page_types = ["offers.LocationIndexPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A place of work: its address, photos, access and open offers."
    )

    class Meta:
        verbose_name = _("location page")

    def open_offers(self) -> OfferQuerySet:
        if self.location_id is None:
            return OfferPage.objects.none()
        # The place's offers in the page's language (a place's translations
        # share its slug).
        slugs = Location.objects.filter(pk=self.location_id).values("slug")
        return (
            OfferPage.objects.open()
            .filter(locale_id=self.locale_id, locations__slug__in=slugs)
            .cards()
        )

    def listing_filter(self) -> str:
        return f"?location={self.location.slug}" if self.location else ""

    def pages_showing_it(self) -> OfferQuerySet:
        """The offers that carry this page's photo, address and link (a CDN
        purges them when it changes): those in its place, in every language."""
        if self.location_id is None:
            return OfferPage.objects.none()
        slugs = Location.objects.filter(pk=self.location_id).values("slug")
        return OfferPage.objects.live().filter(locations__slug__in=slugs).distinct()


def pages_about(
    family_ids: Sequence[int] = (),
    location_ids: Sequence[int] = (),
    family_slugs: Sequence[str] = (),
    location_slugs: Sequence[str] = (),
    locale_id: int | None = None,
) -> tuple[list[Page], list[Page]]:
    """The live team pages of these job families and the live location pages
    of these places, read in one query (as plain pages: their titles and
    addresses are all the links to them need). A family or a place is matched
    through its slug, which its translations share; with ``locale_id``, each
    page is taken in that language, else in the default language."""
    # The ids of the team and location pages asked for, as one subquery (a
    # union): the database reads those few pages by their key, where
    # conditions joined by OR on Wagtail's page table would read every page,
    # offers included.
    wanted = []
    if family_ids:
        slugs = JobFamily.objects.filter(pk__in=family_ids).values("slug")
        wanted.append(TeamPage.objects.filter(job_family__slug__in=slugs))
    if family_slugs:
        wanted.append(TeamPage.objects.filter(job_family__slug__in=family_slugs))
    if location_ids:
        slugs = Location.objects.filter(pk__in=location_ids).values("slug")
        wanted.append(LocationPage.objects.filter(location__slug__in=slugs))
    if location_slugs:
        wanted.append(LocationPage.objects.filter(location__slug__in=location_slugs))
    if not wanted:
        return [], []
    ids = [pages.order_by().values("pk") for pages in wanted]
    pages = Page.objects.live().filter(
        pk__in=ids[0].union(*ids[1:]) if len(ids) > 1 else ids[0]
    )
    if locale_id is not None:
        pages = pages.filter(
            models.Q(locale_id=locale_id)
            | models.Q(locale__language_code=settings.LANGUAGE_CODE)
        )
    chosen: dict[Any, Page] = {}
    for page in pages.order_by("title"):
        mine = chosen.get(page.translation_key)
        if mine is None or page.locale_id == locale_id:
            chosen[page.translation_key] = page
    pages_found = sorted(chosen.values(), key=lambda page: page.title)
    team_type = ContentType.objects.get_for_model(TeamPage)
    teams = [page for page in pages_found if page.content_type_id == team_type.pk]
    places = [page for page in pages_found if page.content_type_id != team_type.pk]
    return teams, places


def team_and_place(
    team_pages: Sequence[Page], location_pages: Sequence[Page]
) -> dict[str, Any]:
    """What an offer shows of its team and its places, below its description:
    the first team page's first quote (or its image and introduction) and each
    place's photo and address. A constant number of queries: the team page, its
    quotes' photos, the place pages with their images and the renditions."""
    team = None
    if team_pages:
        team = (
            TeamPage.objects.live()
            .select_related("image")
            .filter(pk=team_pages[0].pk)
            .first()
        )
    places: list[LocationPage] = []
    if location_pages:
        order = {page.pk: number for number, page in enumerate(location_pages)}
        places = sorted(
            LocationPage.objects.live()
            .filter(pk__in=order)
            .select_related("image")
            .prefetch_related("image__renditions"),
            key=lambda place: order[place.pk],
        )
    quote = team.quotes[0].value if team is not None and team.quotes else None
    return {"team": team, "quote": quote, "places": places}
