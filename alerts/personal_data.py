"""The candidate data this app keeps (job alerts and the offers they sent), as it
declares it to privacy through the ``register_personal_data`` hook."""

from __future__ import annotations

from typing import Any

from candidates.models import User
from candidates.personal_data import Erasing, Erasure, PersonalData, Relation

from .models import AlertDelivery, JobAlert


def export_alerts(user: User) -> dict[str, Any]:
    """The alerts with their criteria, and the offers they sent."""
    alerts = (
        JobAlert.objects.filter(candidate=user)
        .prefetch_related("job_families", "locations")
        .order_by("created_at", "pk")
    )
    deliveries = (
        AlertDelivery.objects.filter(candidate=user)
        .select_related("offer")
        .order_by("sent_at", "pk")
    )
    return {
        "alerts": [
            {
                "active": alert.active,
                "keywords": alert.keywords,
                "job_families": [str(f) for f in alert.job_families.all()],
                "locations": [str(place) for place in alert.locations.all()],
                "contract_types": alert.contract_type_labels,
                "remote_work": alert.remote_policy_labels,
                "frequency": alert.get_frequency_display(),
                "created_at": alert.created_at,
                "updated_at": alert.updated_at,
            }
            for alert in alerts
        ],
        "alert_deliveries": [
            {
                "offer": delivery.offer.title,
                "sent": delivery.get_frequency_display(),
                "sent_at": delivery.sent_at,
            }
            for delivery in deliveries
        ],
    }


def erase_alerts(erasing: Erasing) -> None:
    JobAlert.objects.filter(candidate=erasing.account).delete()
    AlertDelivery.objects.filter(candidate=erasing.account).delete()


ALERT_DATA = PersonalData(
    relations={
        "alerts.JobAlert.candidate": Relation(Erasure.DELETED, "alerts"),
        "alerts.AlertKeyword.alert": Relation(
            Erasure.DELETED, "alerts[].keywords", "derived from the alert's keywords"
        ),
        "alerts.AlertDelivery.alert": Relation(Erasure.DELETED, "alert_deliveries"),
        "alerts.AlertDelivery.candidate": Relation(Erasure.DELETED, "alert_deliveries"),
    },
    export=export_alerts,
    erase=erase_alerts,
)
