"""The "My alerts" section of "My parameters"."""

from typing import Any

from django import template

from ..forms import alert_cap
from ..models import JobAlert

register = template.Library()


@register.inclusion_tag("alerts/includes/my_alerts.html", takes_context=True)
def my_alerts(context: template.Context) -> dict[str, Any]:
    """The candidate's alerts, in three queries however many there are."""
    user = context["request"].user
    alerts = list(
        JobAlert.objects.filter(candidate=user).prefetch_related(
            "job_families", "locations"
        )
    )
    cap = alert_cap()
    return {"alerts": alerts, "cap": cap, "can_add": len(alerts) < cap}
