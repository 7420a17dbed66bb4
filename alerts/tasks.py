"""Background work of the alerts app, through Django's tasks API."""

from django_tasks import task

from . import sending


@task()
def send_new_offer_alerts(offer_id: int) -> int:
    """Queues an e-mail to each candidate whose immediate alerts match a newly
    published offer; returns how many. Safe to run again (see ``alerts.sending``)."""
    return sending.send_new_offer_alerts(offer_id)
