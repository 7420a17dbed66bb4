"""Fixtures of the alert tests."""

import pytest
from django.test import TestCase

from alerts.tasks import send_new_offer_alerts

from .world import build_world


def run_alert_task(offer_id: int) -> int:
    """Runs the alert task of an offer as a worker does: the e-mails it queues in
    the outbox are sent as its transactions commit. Returns how many it queued."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_new_offer_alerts.call(offer_id=offer_id)


@pytest.fixture
def world(db):
    return build_world()
