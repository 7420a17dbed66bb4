"""Offers in the admin: the offer list's columns, the taxonomies as snippets, and
the permission that sets HR recruiters apart from content editors."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import JobFamily, Location, OfferPage


class OfferPageViewSet(PageViewSet):
    """The offers, as HR sees them when exploring the offer index."""

    model = OfferPage
    icon = "doc-full-inverse"
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
