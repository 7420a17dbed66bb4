"""Job offers as Wagtail pages: the listing and each offer."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import BasePage


class OfferIndexPage(BasePage):
    """The listing of open offers, under the home page."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph shown above the offers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["offers.OfferPage"]
    max_count = 1
    page_description = _("The list of job offers (one per site).")

    class Meta:
        verbose_name = _("offer index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offers"] = (
            OfferPage.objects.child_of(self).open().order_by("-first_published_at")
        )
        return context


class OfferQuerySet(PageQuerySet):
    def open(self, today: date | None = None) -> OfferQuerySet:
        """Live offers whose closing date, if any, has not passed."""
        today = today or timezone.localdate()
        return self.filter(live=True).filter(
            models.Q(closing_date__isnull=True) | models.Q(closing_date__gte=today)
        )


class OfferPage(BasePage):
    """A job offer that HR recruiters write, publish and close."""

    reference = models.CharField(
        _("reference"),
        max_length=32,
        blank=True,
        help_text=_("The offer's reference, quoted by candidates."),
    )
    closing_date = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("The last day candidates can apply; empty: open until filled."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("Missions, profile sought, benefits and recruitment process."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("reference"),
        FieldPanel("closing_date"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("reference"),
        index.SearchField("body"),
    ]

    parent_page_types = ["offers.OfferIndexPage"]
    subpage_types: list[str] = []
    page_description = _("A job offer.")

    objects = PageManager.from_queryset(OfferQuerySet)()

    class Meta:
        verbose_name = _("offer")

    @property
    def is_open(self) -> bool:
        return self.live and (
            self.closing_date is None or self.closing_date >= timezone.localdate()
        )
