"""The alert e-mail: the new offers for one candidate, in text and HTML, with a
one-click unsubscribe link (RFC 8058), queued in the site's outbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from candidates.languages import supported_language
from core.models import OutgoingEmail
from core.outbox import queue_email
from offers.choices import ContractType, RemotePolicy
from offers.models import OfferPage

from .tokens import make_token


def site_url(path: str) -> str:
    """An absolute link on the site's own address (``BASE_URL``), never on the
    host a request claimed to be for."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def organisation_name() -> str:
    """The employer's name from the default site's settings."""
    from home.models import PortalSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return PortalSettings.for_site(site).organisation_name


@dataclass(frozen=True)
class OfferSummary:
    """What an alert e-mail says of an offer; its labels are translated when the
    e-mail is written, in the candidate's language."""

    title: str
    url: str
    places: tuple[Any, ...]
    contract: Any

    @classmethod
    def of(cls, offer: OfferPage) -> OfferSummary:
        """Reads the offer's places from ``offer.locations.all()``: prefetch them."""
        places: list[Any] = [str(place) for place in offer.locations.all()]
        if offer.remote_policy != RemotePolicy.ON_SITE:
            places.append(dict(RemotePolicy.choices).get(offer.remote_policy, ""))
        return cls(
            title=offer.title,
            # Tagged so that HR's figures count the applications it brings.
            url=site_url(offer.get_url() or "/") + "?utm_source=alert",
            places=tuple(places),
            contract=dict(ContractType.choices).get(offer.contract_type, ""),
        )

    @property
    def place(self) -> str:
        return ", ".join(str(place) for place in self.places if str(place))


def queue_alert_email(
    *,
    key: str,
    to: str,
    name: str,
    candidate_id: int,
    alert_ids: list[int],
    offers: list[OfferSummary],
    digest: bool,
    organisation: str,
    language: str = "",
) -> OutgoingEmail | None:
    """Queues under ``key`` one e-mail listing ``offers`` for the alerts
    ``alert_ids`` of a candidate, in ``language`` (theirs)."""
    with translation.override(supported_language(language)):
        return _queue_alert_email(
            key=key,
            to=to,
            name=name,
            candidate_id=candidate_id,
            alert_ids=alert_ids,
            offers=offers,
            digest=digest,
            organisation=organisation,
        )


def _queue_alert_email(
    *,
    key: str,
    to: str,
    name: str,
    candidate_id: int,
    alert_ids: list[int],
    offers: list[OfferSummary],
    digest: bool,
    organisation: str,
) -> OutgoingEmail | None:
    unsubscribe_url = site_url(
        reverse(
            "alerts:unsubscribe", kwargs={"token": make_token(candidate_id, alert_ids)}
        )
    )
    if digest:
        subject = ngettext(
            "%(count)d new offer for your job alerts",
            "%(count)d new offers for your job alerts",
            len(offers),
        ) % {"count": len(offers)}
    else:
        subject = _("New offer: %(title)s") % {"title": offers[0].title}
    context = {
        "name": name,
        "offers": offers,
        "digest": digest,
        "alert_count": len(alert_ids),
        "unsubscribe_url": unsubscribe_url,
        "manage_url": site_url(reverse("candidates:parameters")) + "#alerts",
        "organisation_name": organisation,
        "site_url": site_url("/"),
    }
    return queue_email(
        key=key,
        to=[to],
        subject=subject,
        body=render_to_string("emails/alerts/new_offers.txt", context),
        html=render_to_string("emails/alerts/new_offers.html", context),
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
