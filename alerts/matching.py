"""Which alerts an offer matches: one query, whatever the number of alerts.

Every criterion is a condition on the alert's row or a subquery on its children:

- job families and locations: the alert names none, or names one of the offer's
  (``alert_id IN (SELECT ... WHERE family = <the offer's>)``, computed once);
- contract types, remote work and languages: the alert's set is empty or holds
  the offer's value (a ``LIKE`` on a short string); an offer's language is its
  page's locale;
- keywords: no folded word of the alert is missing from the folded words the
  listing's search finds the offer by (title, reference, missions, profile,
  sections, family, places): ``NOT EXISTS`` (an anti-join) over the alert's
  words that are not among the offer's. An alert without keywords has no such word.
  Plain equality of folded words behaves the same on SQLite and PostgreSQL.

Measured on PostgreSQL with 100 000 alerts in ``make bench-alerts``.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from offers.models import JobFamily, Location, OfferPage, searchable_text

from . import keywords
from .models import AlertDelivery, AlertKeyword, JobAlert


def offer_words(offer: OfferPage) -> list[str]:
    """The folded words the listing's search finds the offer by: its title,
    reference, missions, profile and other sections, its family's name and its
    places (``offers.models.searchable_text``), so that an alert made from a
    search receives the new offers that search would list."""
    return keywords.words([searchable_text(offer)])


def matching_alerts(
    offer: OfferPage, alerts: QuerySet[JobAlert] | None = None
) -> QuerySet[JobAlert]:
    """The active alerts (of ``alerts``, all by default) that ``offer`` meets,
    leaving out the candidates who were already sent it."""
    alerts = JobAlert.objects.all() if alerts is None else alerts
    families = JobAlert.job_families.through.objects
    places = JobAlert.locations.through.objects
    location_ids = [place.pk for place in offer.locations.all()]
    words = offer_words(offer)

    # An alert names families and places in its language: any translation of
    # the offer's own matches.
    family_keys = JobFamily.objects.filter(pk=offer.job_family_id).values(
        "translation_key"
    )
    place_keys = Location.objects.filter(pk__in=location_ids).values("translation_key")
    by_family = Q(
        pk__in=families.filter(jobfamily__translation_key__in=family_keys).values(
            "jobalert_id"
        )
    ) | ~Exists(families.filter(jobalert_id=OuterRef("pk")))
    by_location = Q(
        pk__in=places.filter(location__translation_key__in=place_keys).values(
            "jobalert_id"
        )
    ) | ~Exists(places.filter(jobalert_id=OuterRef("pk")))
    by_contract = Q(contract_types="") | Q(
        contract_types__contains=JobAlert.contract_types.field.contains(
            offer.contract_type
        )
    )
    by_remote = Q(remote_policies="") | Q(
        remote_policies__contains=JobAlert.remote_policies.field.contains(
            offer.remote_policy
        )
    )
    by_language = Q(languages="") | Q(
        languages__contains=JobAlert.languages.field.contains(
            offer.locale.language_code
        )
    )
    foreign_words = AlertKeyword.objects.filter(alert_id=OuterRef("pk")).exclude(
        word__in=words
    )
    already_sent = AlertDelivery.objects.filter(
        candidate_id=OuterRef("candidate_id"), offer_id=offer.pk
    )
    return (
        alerts.filter(active=True, candidate__is_active=True)
        .exclude(candidate__email="")
        .filter(by_family, by_location, by_contract, by_remote, by_language)
        .exclude(Exists(foreign_words))
        .exclude(Exists(already_sent))
    )
