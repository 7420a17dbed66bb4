"""Alerts in the admin (a read-only demand report for HR recruiters), the "My
alerts" section of "My parameters", and the candidate data alerts keep."""

from typing import Any

from django.contrib.auth.models import Permission
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from candidates.personal_data import PERSONAL_DATA_HOOK, PersonalData
from candidates.sections import PARAMETERS_SECTIONS_HOOK

from .personal_data import ALERT_DATA
from .reports import VIEW_PERMISSION, AlertDemandView
from .templatetags.alert_tags import my_alerts


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


class MyAlertsSection(Component):
    """The candidate's alerts, each with its links to change or delete it."""

    template_name = "alerts/includes/my_alerts.html"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return my_alerts({"request": self.request})


@hooks.register(PARAMETERS_SECTIONS_HOOK)
def add_my_alerts_section(request: HttpRequest) -> list[Component]:
    return [MyAlertsSection(request)]


@hooks.register(PERSONAL_DATA_HOOK)
def register_personal_data() -> PersonalData:
    return ALERT_DATA
