"""Offers in the admin: the offer list's columns, the taxonomies as snippets, and
the permission that sets HR recruiters apart from content editors.

Apps below this one add columns to the offer list through the
``register_offer_listing_columns`` hook (offers never imports them): each function
takes the request and returns a list of columns, empty for a user who may not see
them. A column with a ``prepare_rows(pages)`` method gets the page of rows before the
table renders, to fetch its values in one query."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    NavigateToChildrenColumn,
    PageStatusColumn,
    PageTitleColumn,
)
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    JOB_BOARD_FEED,
    JobFamily,
    Location,
    OfferIndexPage,
    OfferPage,
    OfferTemplate,
    QuestionSet,
)

OFFER_LISTING_COLUMNS_HOOK = "register_offer_listing_columns"


class ClosingDateColumn(Column):
    """The last day to apply, as a date ("Jan. 31, 2027"), "—" without one; a
    passed date is marked. Wagtail's date column says how long ago a moment was,
    which reads "Just now" for every date to come."""

    cell_template_name = "offers/admin/closing_date_cell.html"
    empty_value_display = "—"

    def get_cell_context_data(self, instance, parent_context) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        closing = context["raw_value"]
        context["passed"] = closing is not None and closing < timezone.localdate()
        return context


def updated_at(page: OfferPage) -> datetime | None:
    """The offer's last edit: its latest revision, or its last publication for an
    offer written outside the editor (imports, the demo), which has no revision."""
    return page.latest_revision_created_at or page.last_published_at


class OfferExplorableIndexView(ExplorableIndexView):
    """The offer index's children, with the columns other apps add for the user."""

    @cached_property
    def extra_columns(self) -> list[BaseColumn]:
        return [
            column
            for hook in hooks.get_hooks(OFFER_LISTING_COLUMNS_HOOK)
            for column in hook(self.request)
        ]

    @cached_property
    def explorable_columns(self) -> list[BaseColumn]:
        columns = super().explorable_columns
        # Before the "navigate to children" arrow, which stays last.
        position = next(
            (
                index
                for index, column in enumerate(columns)
                if isinstance(column, NavigateToChildrenColumn)
            ),
            len(columns),
        )
        return [*columns[:position], *self.extra_columns, *columns[position:]]

    def get_valid_orderings(self) -> list[str]:
        orderings = super().get_valid_orderings()
        if not self.is_searching:
            return orderings
        # Search results sort only by the fields the search index holds.
        indexed = {
            field.field_name
            for field in self.model.get_search_fields()
            if isinstance(field, index.FilterField)
        }
        return [ordering for ordering in orderings if ordering.lstrip("-") in indexed]

    def get_table(self, object_list):
        rows = list(object_list)
        for column in self.extra_columns:
            if hasattr(column, "prepare_rows"):
                column.prepare_rows(rows)
        return super().get_table(rows)


class OfferPageViewSet(PageViewSet):
    """The offers, as HR sees them when exploring the offer index."""

    model = OfferPage
    icon = "doc-full-inverse"
    index_view_class = OfferExplorableIndexView
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Title"), sort_key="title"),
        Column("reference", label=_("Reference"), sort_key="reference", width="12%"),
        ClosingDateColumn(
            "closing_date",
            label=_("Closing date"),
            sort_key="closing_date",
            width="12%",
        ),
        Column("status_label", label=_("Offer"), width="10%"),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
        DateColumn(
            "updated",
            accessor=updated_at,
            label=_("Updated"),
            sort_key="latest_revision_created_at",
            width="12%",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_offer_page_viewset() -> PageViewSet:
    return OfferPageViewSet("offer_pages")


@hooks.register("register_page_header_buttons")
def job_board_feed_button(page, user, view_name, next_url=None) -> list[Button]:
    """On the offer index, the address of the job-board feed, for HR to give to
    Indeed and other aggregators."""
    if not page.live or not issubclass(page.specific_class, OfferIndexPage):
        return []
    address = page.get_full_url()
    if not address:  # not under a site
        return []
    url = address + page.specific_deferred.reverse_subpage(JOB_BOARD_FEED)
    return [
        Button(
            _("Job-board feed (XML)"),
            url,
            icon_name="link",
            priority=80,
            attrs={"target": "_blank", "rel": "noreferrer"},
        )
    ]


class JobFamilyViewSet(SnippetViewSet):
    model = JobFamily
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    list_display = ["city", "region", "country", "slug"]
    list_filter = ["country"]
    search_fields = ["city", "region", "country"]
    ordering = ["city"]


class OfferTemplateViewSet(SnippetViewSet):
    """Default sections recruiters start new offers from (chosen in the offer)."""

    model = OfferTemplate
    icon = "doc-empty-inverse"
    list_display = ["name"]
    search_fields = ["name"]
    ordering = ["name"]


class OfferTaxonomiesGroup(SnippetViewSetGroup):
    menu_label = _("Offer taxonomies")
    menu_icon = "tag"
    menu_order = 210
    items = (JobFamilyViewSet, LocationViewSet, OfferTemplateViewSet)


register_snippet(OfferTaxonomiesGroup)


class QuestionSetViewSet(SnippetViewSet):
    """Question sets that offers include (HR recruiters only: content editors
    hold no right on them)."""

    model = QuestionSet
    icon = "clipboard-list"
    menu_label = _("Question sets")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(QuestionSetViewSet)


@hooks.register("register_permissions")
def register_offer_permissions():
    """Lets administrators grant "manage offers" to a group in the admin."""
    return Permission.objects.filter(
        content_type__app_label="offers", codename="manage_offers"
    )


@hooks.register("register_offers_page_type")
def offers_page_type() -> type:
    """The header's "Offers" link leads to the offer index of the page's language."""
    return OfferIndexPage
