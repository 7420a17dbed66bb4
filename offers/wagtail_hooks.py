"""Offers in the admin: the offer list's columns, the taxonomies as snippets, and
the permission that sets HR recruiters apart from content editors.

Apps below this one add columns to the offer list through the
``register_offer_listing_columns`` hook (offers never imports them): each function
takes the request and returns a list of columns, empty for a user who may not see
them. A column with a ``prepare_rows(pages)`` method gets the page of rows before the
table renders, to fetch its values in one query."""

from __future__ import annotations

from django.contrib.auth.models import Permission
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
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import JobFamily, Location, OfferPage

OFFER_LISTING_COLUMNS_HOOK = "register_offer_listing_columns"


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
        DateColumn(
            "closing_date",
            label=_("Closing date"),
            sort_key="closing_date",
            width="12%",
        ),
        Column("status_label", label=_("Offer"), width="10%"),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
        DateColumn(
            "latest_revision_created_at",
            label=_("Updated"),
            sort_key="latest_revision_created_at",
            width="12%",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_offer_page_viewset() -> PageViewSet:
    return OfferPageViewSet("offer_pages")


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


class OfferTaxonomiesGroup(SnippetViewSetGroup):
    menu_label = _("Offer taxonomies")
    menu_icon = "tag"
    menu_order = 210
    items = (JobFamilyViewSet, LocationViewSet)


register_snippet(OfferTaxonomiesGroup)


@hooks.register("register_permissions")
def register_offer_permissions():
    """Lets administrators grant "manage offers" to a group in the admin."""
    return Permission.objects.filter(
        content_type__app_label="offers", codename="manage_offers"
    )
