"""Job offers as Wagtail pages, and the taxonomies HR sorts them by."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.signals import page_unpublished

from home.blocks import BodyStreamBlock
from home.models import BasePage
from home.search import index_object
from home.statements import Statement, instantiate

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

if TYPE_CHECKING:
    from home.models import PortalSettings

# Slugs the offer index answers itself; no offer may take them.
RESERVED_SLUGS = {"feed"}
COUNTRY_CODES = RegexValidator(
    r"^[a-z]{2}(\s*,\s*[a-z]{2})*\s*$",
    flags=re.IGNORECASE,
    message=_("Give two-letter country codes separated by commas, such as FR, BE, ES."),
)
# Letters and digits that cannot be mistaken for one another.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def reindex_offers(offers: models.QuerySet) -> None:
    """Offers carry their family and places in the search index: refresh them
    (what a search finds, hence its kept counts, may change)."""
    for offer in offers:
        index_object(offer)
    ListingTally.forget_all()


def unique_slug(model: type[models.Model], text: str, pk: int | None) -> str:
    """A slug made from ``text`` that no other row of ``model`` uses."""
    base = slugify(text)[:70] or "item"
    slug, number = base, 2
    while model._default_manager.filter(slug=slug).exclude(pk=pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class JobFamily(index.Indexed, models.Model):
    """A family of jobs (Engineering, Sales...) that HR files offers under."""

    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("Shown to candidates.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the address of filtered lists; made from the name."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("job family")
        verbose_name_plural = _("job families")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(JobFamily, self.name, self.pk)
        super().save(*args, **kwargs)
        reindex_offers(self.offers.all())


class Location(index.Indexed, models.Model):
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
        unique=True,
        blank=True,
        help_text=_("Used in the address of filtered lists; made from the city."),
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

    class Meta:
        ordering = ["city", "country"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return f"{self.city}, {self.country}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(Location, self.city, self.pk)
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


# What an offer card ({% offer_cards %}) reads of an offer, besides its family's
# name and the annotations of for_cards(): ListedOfferQuerySet.cards() loads
# only these.
CARD_FIELDS = (
    "id",
    "page_ptr_id",
    "title",
    "url_path",
    "job_family_id",
    "contract_type",
    "remote_policy",
    "closing_date",
)


@cache
def _choice_labels(field: models.Field, language: str | None) -> dict[Any, Any]:
    """The label of each value of a choice field, in that language (the active
    one when this is called)."""
    return {
        value: force_str(label, strings_only=True)
        for value, label in make_hashable(field.flatchoices)
    }


class OfferQuerySet(PageQuerySet):
    def open(self, today: date | None = None) -> OfferQuerySet:
        """Live offers, not filled, whose closing date, if any, has not passed."""
        today = today or timezone.localdate()
        return self.filter(live=True, filled=False).filter(
            models.Q(closing_date__isnull=True) | models.Q(closing_date__gte=today)
        )

    def for_cards(self) -> OfferQuerySet:
        """What an offer card shows, in this one query: the family, and the first
        city with the number of places (``first_city``, ``place_count``)."""
        places = OfferPage.locations.through.objects.filter(offerpage_id=OuterRef("pk"))
        return (
            self.select_related("job_family")
            .annotate(
                first_city=Subquery(
                    places.order_by("location__city").values("location__city")[:1]
                ),
                place_count=Subquery(
                    places.order_by()
                    .values("offerpage_id")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
            )
            .defer_streamfields()
        )

    def cards(
        self, ids: list[int], cities: dict[int, str] | None = None
    ) -> list[OfferPage]:
        """The listed offers of ``ids`` as cards (``ListedOfferQuerySet.cards``),
        in that order; an id without a listing row (the offer closed or left in
        between) is left out."""
        by_id = {
            card.pk: card
            for card in ListedOffer.objects.filter(page_id__in=ids)
            .order_by()
            .cards(cities)
        }
        return [by_id[pk] for pk in ids if pk in by_id]


OfferManager = PageManager.from_queryset(OfferQuerySet)


class OfferIndexPage(RoutablePageMixin, BasePage):
    """The listing of open offers, with search and filters, and its RSS feed."""

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
        context.update(OfferSearch(request.GET).context())
        context["feed_url"] = self.get_url(request) + self.reverse_subpage("feed")
        return context

    @classmethod
    def routes_to_child(cls, component: str) -> bool:
        """For home.routing: any slug but the reserved ones leads to an offer."""
        return component not in RESERVED_SLUGS

    @path("feed/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import OfferFeed

        return OfferFeed(self)(request)

    def get_sitemap_urls(self, request: HttpRequest | None = None):
        latest = (
            OfferPage.objects.open()
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
        unique=True,
        blank=True,
        help_text=_(
            "The offer's reference, quoted by candidates; leave empty to have one "
            "made for you."
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
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_(
            "In sections with headings: missions, profile sought, benefits and "
            "recruitment process."
        ),
    )

    content_panels = [
        *Page.content_panels,
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
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("closing_date"), FieldPanel("filled")],
            heading=_("Closing"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("reference"),
        index.SearchField("reference_words"),
        index.AutocompleteField("reference"),
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

    base_form_class = OfferPageForm
    parent_page_types = ["offers.OfferIndexPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A job offer: its facts, description and closing; HR recruiters only."
    )

    objects = OfferManager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        permissions = [
            ("manage_offers", _("Can create, edit, publish and close job offers")),
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.reference:
            self.reference = self.new_reference()
        if self.filled and self.filled_at is None:
            self.filled_at = timezone.now()
        elif not self.filled:
            self.filled_at = None
        super().save(*args, **kwargs)
        # The search index is written on post_save, before the locations are
        # saved: write it again now that they are; the same for the listing.
        index_object(self)
        ListedOffer.sync(self.pk)

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

    @classmethod
    def routed_queryset(cls) -> OfferQuerySet:
        """How home.routing reads an offer to serve: with its family (shown and
        put in the JSON-LD), one query fewer."""
        return cls.objects.select_related("job_family")

    def _get_FIELD_display(self, field: models.Field) -> str:  # noqa: N802 - Django's name
        """What ``get_<field>_display()`` answers, with the labels of each field
        gathered and translated once per language (Django gathers them at each
        call, translating every label of the field to hash it: a third of the
        feed's time)."""
        value = make_hashable(getattr(self, field.attname))
        labels = _choice_labels(field, get_language())
        return force_str(labels.get(value, value), strings_only=True)

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

    def apply_url(self) -> str:
        """The application flow once it exists; until then log-in, then back."""
        try:
            return reverse("applications:apply", kwargs={"slug": self.slug})
        except NoReverseMatch:
            return f"{reverse('account_login')}?{urlencode({'next': self.url})}"

    def similar_offers(self, limit: int = 3) -> list[OfferPage]:
        """Open offers of the same family first, then those in the same places,
        newest first, as cards: each kind an index scan of the listing rows
        (a single query ranking both kinds had to sort every open offer), the
        second only when the family has too few."""
        through = OfferPage.locations.through.objects
        today = timezone.localdate()
        others = ListedOffer.objects.open(today).exclude(page_id=self.pk)
        newest = ("-published_at", "-page_id")
        # (No family: the statement runs as a plain queryset, IS NULL.)
        rows = FAMILY_CARD_ROWS(today, self.pk, self.job_family_id, limit=limit)
        cards = cards_from_rows(rows)
        if len(cards) < limit:
            same_place = through.filter(
                location_id__in=through.filter(offerpage_id=self.pk).values(
                    "location_id"
                )
            ).values("offerpage_id")
            cards += (
                others.filter(page_id__in=same_place)
                .exclude(job_family_id=self.job_family_id)
                .order_by(*newest)[: limit - len(cards)]
                .cards()
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
            "description": str(self.body) or self.title,
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
        portal_settings = PortalSettings.for_request(request)
        if getattr(request, "is_preview", False):
            locations = list(self.locations.all())  # maybe a revision's, unsaved
        else:
            locations = OFFER_LOCATIONS(self.pk)
        context["locations"] = locations
        context["json_ld"] = self.json_ld(request, portal_settings, locations)
        context["similar_offers"] = self.similar_offers()
        # The parent's address, without reading the parent: its path is ours
        # less our slug.
        url = self.get_url(request)
        context["listing_url"] = url[: url.rstrip("/").rfind("/") + 1]
        return context

    def get_sitemap_urls(self, request: HttpRequest | None = None):
        if not self.is_open:
            return []
        return super().get_sitemap_urls(request)


LISTED_FIELDS = (
    "first_published_at",
    "closing_date",
    "job_family_id",
    "contract_type",
    "remote_policy",
)


class ListedOfferQuerySet(models.QuerySet):
    def open(self, today: date | None = None) -> ListedOfferQuerySet:
        """Those whose closing date, if any, has not passed."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(closing_date__isnull=True) | models.Q(closing_date__gte=today)
        )

    def card_rows(self) -> ListedOfferQuerySet:
        """The ``CARD_COLUMNS`` of these rows (see ``cards_from_rows``)."""
        return self.values_list(*CARD_COLUMNS)

    def cards(self, cities: dict[int, str] | None = None) -> list[OfferPage]:
        """These rows' offers, in this queryset's order, as cards (see
        ``cards_from_rows``)."""
        return cards_from_rows(list(self.card_rows()), cities)


#: What a card shows, read from the listing rows and the page's.
CARD_COLUMNS = (
    "page_id",
    "page__title",
    "page__url_path",
    "job_family_id",
    "job_family__name",
    "contract_type",
    "remote_policy",
    "closing_date",
    "places",
)


def cards_from_rows(
    rows: list[tuple], cities: dict[int, str] | None = None
) -> list[OfferPage]:
    """The offers of these ``CARD_COLUMNS`` rows, in their order, as cards read
    them: the ``CARD_FIELDS`` (the rest deferred) and the ``for_cards()``
    annotations (``first_city``, ``place_count``), with one more query for the
    cities: building and compiling ``for_cards()`` with its subqueries cost
    more than running it (2.5 of 3.8 ms for three offers). ``cities``: the city
    of every place, sorted by city, when the caller has read them already."""
    places = {row[0]: ListedOffer.place_ids(row[8]) for row in rows}
    if cities is None:
        # In the database's order: the first city of a card is the first of its
        # places in it, as ``for_cards()`` has it.
        wanted = sorted({place for ids in places.values() for place in ids})
        cities = dict(CITIES(wanted)) if wanted else {}
    rank = {place: number for number, place in enumerate(cities)}
    # from_db() takes the values of the loaded fields in the model's order.
    names = tuple(
        field.attname
        for field in OfferPage._meta.concrete_fields
        if field.attname in CARD_FIELDS
    )
    cards = []
    for row in rows:
        page_id, title, url_path, family_id, family, contract, remote, closing = row[:8]
        values = {
            "id": page_id,
            "page_ptr_id": page_id,
            "title": title,
            "url_path": url_path,
            "job_family_id": family_id,
            "contract_type": contract,
            "remote_policy": remote,
            "closing_date": closing,
        }
        offer = instantiate(
            OfferPage, DEFAULT_DB_ALIAS, names, [values[n] for n in names]
        )
        if family_id is not None:
            offer.job_family = JobFamily(pk=family_id, name=family)
        mine = sorted(
            (place for place in places[page_id] if place in rank),
            key=rank.__getitem__,
        )
        offer.first_city = cities[mine[0]] if mine else None
        offer.place_count = len(mine) or None
        cards.append(offer)
    return cards


#: The cities of places (ids), sorted by city.
CITIES = Statement(
    lambda ids: (
        Location.objects.filter(pk__in=ids).order_by("city").values_list("pk", "city")
    )
)

#: The newest open offers' card rows, from ``start`` to ``stop``.
NEWEST_CARD_ROWS = Statement(
    lambda day, *, start, stop: (
        ListedOffer.objects.open(day)
        .order_by("-published_at", "-page_id")[start:stop]
        .card_rows()
    )
)

#: The newest open offers of a family but one, as card rows.
FAMILY_CARD_ROWS = Statement(
    lambda day, page_id, family_id, *, limit: (
        ListedOffer.objects.open(day)
        .exclude(page_id=page_id)
        .filter(job_family_id=family_id)
        .order_by("-published_at", "-page_id")[:limit]
        .card_rows()
    )
)


class ListedOffer(models.Model):
    """The narrow row of an offer the listing may show: live and not filled.

    The listing, its counts, the feed and the similar offers sort, filter and
    count these rows instead of joining the page tables (Wagtail's page row and
    the offer's own row are wide: a 10 000-offer listing read 1.5 MB to count).
    Kept by ``OfferPage.save()`` and the ``page_unpublished`` signal;
    ``manage.py rebuild_listed_offers`` writes them all again. The closing date
    is kept, not applied: an offer leaves the listing the day after it without
    any write."""

    page = models.OneToOneField(
        OfferPage,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="listed",
        verbose_name=_("offer"),
    )
    published_at = models.DateTimeField(_("first published at"))
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    job_family = models.ForeignKey(
        JobFamily,
        verbose_name=_("job family"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contract_type = models.CharField(_("contract type"), max_length=20)
    remote_policy = models.CharField(_("remote work"), max_length=20)
    places = models.CharField(
        _("places"),
        max_length=1000,
        blank=True,
        help_text=_("The ids of the offer's places, sorted, as |3|7|."),
    )

    objects = ListedOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("listed offer")
        verbose_name_plural = _("listed offers")
        indexes = [
            models.Index(
                F("published_at").desc(), F("page").desc(), name="listed_newest"
            ),
            models.Index(fields=["closing_date"], name="listed_closing"),
            models.Index(
                "job_family",
                F("published_at").desc(),
                F("page").desc(),
                name="listed_family_newest",
            ),
        ]

    def __str__(self) -> str:
        return str(self.page_id)

    @staticmethod
    def places_key(location_ids) -> str:
        ids = sorted(set(location_ids))
        return f"|{'|'.join(map(str, ids))}|" if ids else ""

    @staticmethod
    def place_ids(key: str) -> list[int]:
        return [int(part) for part in key.split("|") if part]

    @classmethod
    def row_for(cls, offer: OfferPage, place_ids) -> ListedOffer:
        return cls(
            page_id=offer.pk,
            published_at=offer.first_published_at or timezone.now(),
            closing_date=offer.closing_date,
            job_family_id=offer.job_family_id,
            contract_type=offer.contract_type,
            remote_policy=offer.remote_policy,
            places=cls.places_key(place_ids),
        )

    @classmethod
    def sync(cls, page_id: int) -> None:
        """Write, rewrite or remove the row of one offer from what the database
        holds (not from an instance, which may carry an unpublished draft)."""
        offer = (
            OfferPage.objects.filter(pk=page_id, live=True, filled=False)
            .only(*LISTED_FIELDS)
            .first()
        )
        ListingTally.forget_all()
        if offer is None:
            cls.objects.filter(page_id=page_id).delete()
            return
        through = OfferPage.locations.through.objects.filter(offerpage_id=page_id)
        cls.row_for(offer, through.values_list("location_id", flat=True)).save()

    @classmethod
    def rebuild(cls) -> int:
        """Every row written again from the offers; the number of rows."""
        places: dict[int, list[int]] = {}
        through = OfferPage.locations.through.objects.values_list(
            "offerpage_id", "location_id"
        )
        for offer_id, location_id in through.iterator(5000):
            places.setdefault(offer_id, []).append(location_id)
        offers = OfferPage.objects.filter(live=True, filled=False).only(*LISTED_FIELDS)
        rows = [
            cls.row_for(offer, places.get(offer.pk, []))
            for offer in offers.iterator(2000)
        ]
        with transaction.atomic():
            ListingTally.forget_all()
            cls.objects.all().delete()
            cls.objects.bulk_create(rows, batch_size=2000)
        return len(rows)


@receiver(models.signals.post_delete, sender=OfferPage)
def forget_tallies(**kwargs: Any) -> None:
    """An offer deleted: its listing row goes with it, without ``sync()``. (Not
    a receiver of the rows' own deletion: Django would then delete them one by
    one, ``rebuild()`` 10 000 times.)"""
    ListingTally.forget_all()


class ListingGeneration(models.Model):
    """One row: a number that every change of the listing rows increases."""

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("listing generation")

    def __str__(self) -> str:
        return str(self.number)

    @classmethod
    def current(cls) -> int:
        generation, _created = cls.objects.get_or_create(pk=1)
        return generation.number


#: Tallies kept at most between two changes of the offers, within a day.
MAX_TALLIES = 5000


class ListingTally(models.Model):
    """The counts of the listing for one set of filters and search on one day,
    while the listing rows stay as they were: counting 10 000 rows took two
    grouped queries and more than half of the listing's time, and the plain
    listing (and each filter) is asked for far more often than offers change.

    Exact, not a cache that may lag: every change of the listing rows increases
    the generation and drops the tallies in its own transaction, and a tally is
    only read for the current generation, so one counted while an offer was
    being published (under the previous generation) is never read."""

    filters = models.CharField(_("filters"), max_length=255)
    day = models.DateField(_("day"))
    generation = models.BigIntegerField(_("generation"))
    counts = models.JSONField(_("counts"))

    class Meta:
        verbose_name = _("listing tally")
        verbose_name_plural = _("listing tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["filters", "day", "generation"], name="listing_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filters or '-'} {self.day} #{self.generation}"

    @classmethod
    def forget_all(cls) -> None:
        """The listing rows change: every tally is outdated (call it inside the
        change's transaction)."""
        increased = ListingGeneration.objects.filter(pk=1).update(
            number=F("number") + 1
        )
        if not increased:
            ListingGeneration.objects.get_or_create(pk=1)
        cls.objects.all().delete()

    @classmethod
    def recall(cls, filters: str, day: date) -> Any:
        """The counts kept for these filters today, if still exact (one query)."""
        rows = KEPT_COUNTS(filters, day)
        return rows[0][0] if rows else None

    @classmethod
    def remember(cls, filters: str, day: date, generation: int, counts: Any) -> None:
        """Keeps counts taken under ``generation`` (read before counting),
        unless ``MAX_TALLIES`` are kept already (searches make new ones)."""
        cls.objects.filter(day__lt=day).delete()
        if cls.objects.count() >= MAX_TALLIES:
            return
        cls.objects.bulk_create(
            [cls(filters=filters, day=day, generation=generation, counts=counts)],
            ignore_conflicts=True,
        )


@receiver(page_unpublished)
def unlist_offer(sender, instance, **kwargs) -> None:
    """An unpublished (or expired) offer leaves the listing (the page may have
    been saved as a plain ``Page``, which ``OfferPage.save()`` does not see)."""
    if isinstance(instance, OfferPage):
        ListedOffer.sync(instance.pk)


class OfferWord(models.Model):
    """One word (lexeme) of an offer's entry in Wagtail's search index.

    On PostgreSQL a trigger on the index entries keeps these rows equal to the
    words of each offer's title and body vectors (migration 0006), whatever
    writes the index (saves, bulk indexing, ``update_index``). A search for a
    word found in every offer reads its ids from this table's primary key
    instead of matching 10 000 vectors (``offers.search``). Left empty on other
    databases, whose search does not read it.
    """

    pk = models.CompositePrimaryKey("lexeme", "page_id")
    lexeme = models.TextField(_("word"))
    page_id = models.IntegerField(_("offer"))

    class Meta:
        verbose_name = _("offer word")
        verbose_name_plural = _("offer words")

    def __str__(self) -> str:
        return f"{self.lexeme} ({self.page_id})"


#: The counts kept for a set of filters on a day, under the current generation.
KEPT_COUNTS = Statement(
    lambda filters, day: ListingTally.objects.filter(
        filters=filters,
        day=day,
        generation=Subquery(ListingGeneration.objects.filter(pk=1).values("number")),
    ).values_list("counts")[:1]
)

#: An offer's places, as ``offer.locations.all()`` reads them.
OFFER_LOCATIONS = Statement(lambda page_id: Location.objects.filter(offers=page_id))
