"""The demo candidate's job alert, loaded by ``manage.py load_demo_data``."""

from django.contrib.auth import get_user_model

from offers.models import JobFamily, Location

from .choices import Frequency
from .models import JobAlert


def load_demo_alerts(username: str = "candidate") -> None:
    """An alert for data offers in Lyon or Paris; kept as it is once it exists."""
    candidate = get_user_model().objects.filter(username=username).first()
    if candidate is None or candidate.job_alerts.exists():
        return
    alert = JobAlert.objects.create(
        candidate=candidate, keywords="", frequency=Frequency.IMMEDIATE
    )
    alert.job_families.set(JobFamily.objects.filter(name="Data"))
    alert.locations.set(Location.objects.filter(city__in=["Lyon", "Paris"]))


def load_demo() -> list[str]:
    """The demo candidate's job alert."""
    load_demo_alerts()
    return []
