"""Alerts in the admin: a read-only demand report for HR recruiters."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import VIEW_PERMISSION, AlertDemandView


class AlertDemandMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_alert_demand_url():
    return [
        path("reports/alert-demand/", AlertDemandView.as_view(), name="alerts_demand")
    ]


@hooks.register("register_reports_menu_item")
def register_alert_demand_menu_item() -> MenuItem:
    return AlertDemandMenuItem(
        _("Alert demand"),
        reverse("alerts_demand"),
        name="alert-demand",
        icon_name="mail",
        order=600,
    )


@hooks.register("register_permissions")
def register_alert_permissions():
    """Lets administrators grant the report to a group in the admin."""
    return Permission.objects.filter(
        content_type__app_label="alerts", codename="view_jobalert"
    )
