"""What HR sees of alerts in the admin: the demand per job family and location,
as counts only (no candidate is named)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from offers.models import JobFamily, Location

from .choices import Frequency
from .models import JobAlert

VIEW_PERMISSION = "alerts.view_jobalert"


def demand(
    model: type[JobFamily] | type[Location], relation: str
) -> tuple[QuerySet, dict[str, int]]:
    """Each row of ``model`` with its active alerts and their candidates, and the
    totals of active alerts that name none of them ("any")."""
    active = Q(job_alerts__active=True)
    rows = model.objects.annotate(
        alerts=Count("job_alerts", filter=active),
        candidates=Count("job_alerts__candidate", filter=active, distinct=True),
    ).order_by("-alerts", *model._meta.ordering)
    through = getattr(JobAlert, relation).through.objects
    any_value = JobAlert.objects.filter(active=True).exclude(
        Exists(through.filter(jobalert_id=OuterRef("pk")))
    )
    return rows, any_value.aggregate(
        alerts=Count("pk"), candidates=Count("candidate", distinct=True)
    )


class AlertDemandView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Read-only report of what candidates wait for, for HR recruiters."""

    permission_policy = ModelPermissionPolicy(JobAlert)
    permission_required = "view"
    template_name = "alerts/admin/alert_demand.html"
    page_title = _("Alert demand")
    header_icon = "mail"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": _("Reports")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        families, any_family = demand(JobFamily, "job_families")
        locations, any_location = demand(Location, "locations")
        by_frequency = dict(
            JobAlert.objects.filter(active=True)
            .values_list("frequency")
            .annotate(count=Count("pk"))
            .order_by()
        )
        context.update(
            families=families,
            any_family=any_family,
            locations=locations,
            any_location=any_location,
            frequencies=[
                (label, by_frequency.get(value, 0))
                for value, label in Frequency.choices
            ],
            total=sum(by_frequency.values()),
        )
        return context
