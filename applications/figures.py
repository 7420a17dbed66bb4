"""HR's figures, overall or for one offer: applications per stage, new this week,
median days from received to a decision, and where candidates came from. A
fixed number of queries, whatever the number of applications."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import DECISIONS, Source
from .models import Application, Stage, StatusChange

NEW_DAYS = 7


@dataclass
class Bar:
    """One row of a figure: a label, a count and its share of the largest."""

    label: str
    count: int
    percent: int = 0


@dataclass
class Figures:
    total: int
    new_this_week: int
    decided: int
    median_days: float | None
    stages: list[Bar] = field(default_factory=list)
    sources: list[Bar] = field(default_factory=list)


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    largest = max((count for _label, count in rows), default=0)
    return [
        Bar(label, count, round(100 * count / largest) if largest else 0)
        for label, count in rows
    ]


def compute_figures(
    offer_id: int | None = None, now: datetime | None = None
) -> Figures:
    """The figures of the sent applications (of one offer when ``offer_id``)."""
    now = now or timezone.now()
    applications = Application.objects.sent()
    if offer_id is not None:
        applications = applications.filter(offer_id=offer_id)
    totals = applications.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(submitted_at__gte=now - timedelta(days=NEW_DAYS))),
    )
    per_stage = dict(
        applications.order_by()
        .values_list("stage_id")
        .annotate(count=Count("pk"))
        .values_list("stage_id", "count")
    )
    stage_rows = [
        (stage.name, per_stage.pop(stage.pk, 0)) for stage in Stage.objects.pipeline()
    ]
    unstaged = sum(per_stage.values())
    if unstaged:
        stage_rows.append((_("No stage"), unstaged))
    per_source = dict(
        applications.order_by()
        .values_list("source")
        .annotate(count=Count("pk"))
        .values_list("source", "count")
    )
    # Applications sent before sources were recorded count as "other".
    per_source[Source.OTHER] = per_source.get(Source.OTHER, 0) + per_source.pop("", 0)
    source_rows = [(str(source.label), per_source.get(source, 0)) for source in Source]
    # The first decision of each decided application, from its history.
    decisions = (
        StatusChange.objects.filter(
            application__in=applications, to_status__in=list(DECISIONS)
        )
        .order_by()
        .values("application_id", "application__submitted_at")
        .annotate(decided_at=Min("changed_at"))
    )
    days = [
        (row["decided_at"] - row["application__submitted_at"]).total_seconds() / 86400
        for row in decisions
        if row["application__submitted_at"]
    ]
    return Figures(
        total=totals["total"],
        new_this_week=totals["new"],
        decided=len(days),
        median_days=round(statistics.median(days), 1) if days else None,
        stages=_bars(stage_rows),
        sources=_bars(source_rows),
    )
