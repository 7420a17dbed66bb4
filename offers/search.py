"""Search and filters of the offer listing and feed, in a fixed number of queries.

Full-text search goes through Wagtail's search backend without relevance ranking
(offers are listed newest first), kept as a subquery so that the filters and the
counts beside each filter choice run in the database, whatever the number of
matching offers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from modelsearch.backends.database.postgres.query import Lexeme
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from home.statements import Statement

from .choices import ContractType, RemotePolicy, SortOrder
from .forms import OfferSearchForm, clean_query
from .models import (
    NEWEST_CARD_ROWS,
    JobFamily,
    ListedOffer,
    ListingGeneration,
    ListingTally,
    Location,
    OfferPage,
    OfferWord,
    cards_from_rows,
)

PAGE_SIZE = 20

FAMILIES = Statement(lambda: JobFamily.objects.only("pk", "name", "slug"))
LOCATIONS = Statement(lambda: Location.objects.only("pk", "city", "country", "slug"))


def search_subquery(queryset: QuerySet, query: str) -> QuerySet:
    """The primary keys of the pages of ``queryset`` that match ``query``, as a
    lazy queryset that the database runs as a subquery."""
    if connection.vendor == "postgresql":
        return postgres_search_subquery(queryset.model, query)
    results = queryset.search(query, operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):  # the database backends
        return results.get_queryset().order_by().values("pk")
    return [page.pk for page in results]  # pragma: no cover - other backends


def postgres_search_subquery(model: type[Model], query: str) -> QuerySet:
    """The ids of the ``model`` rows whose entry in Wagtail's search index holds
    every word of ``query`` in its title or its body.

    The same words, parsing and matching as Wagtail's PostgreSQL backend with
    ``operator="and"``, but written so that PostgreSQL uses the GIN indexes of
    the title and of the body: Wagtail matches the two vectors joined
    (``title || body @@ query``), which no index serves, so each search read every
    entry (about 40 ms for a rare word among 10 000 offers, 5 ms this way).

    For offers, a word that PostgreSQL makes one lexeme of is looked up in
    ``OfferWord`` instead (the same answer: the lexeme is in the title or the
    body vector): a word in every offer then costs an index read of 10 000 ids,
    not 10 000 vectors matched (about 30 ms).
    """
    config = get_search_backend().config
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    )
    matched = None  # the ids matched through OfferWord
    matching_entries = False
    for term in (term for term in re.split(r"[\s\-]+", query) if term):
        lexeme = single_lexeme(config, term) if model is OfferPage else None
        if lexeme is not None:
            ids = OfferWord.objects.filter(lexeme=lexeme).values("page_id")
            matched = ids if matched is None else matched.filter(page_id__in=ids)
            continue
        words = SearchQuery(Lexeme(term), search_type="raw", config=config)
        entries = entries.filter(Q(title=words) | Q(body=words))
        matching_entries = True
    entry_ids = entries.annotate(row_id=Cast("object_id", IntegerField())).values(
        "row_id"
    )
    if matched is None:
        return entry_ids
    if matching_entries:
        matched = matched.filter(page_id__in=entry_ids)
    return matched


@lru_cache(maxsize=10_000)
def single_lexeme(config: str | None, term: str) -> str | None:
    """The lexeme PostgreSQL makes of ``term`` for the search, when it makes
    exactly one (not for a stop word, nor a term it splits into several);
    it depends on the text search configuration only, hence kept."""
    words = SearchQuery(Lexeme(term), search_type="raw", config=config)
    compiler = IndexEntry.objects.none().query.get_compiler(connection=connection)
    sql, params = words.resolve_expression(compiler.query).as_sql(compiler, connection)
    with connection.cursor() as cursor:
        query = f"SELECT numnode(q), q::text FROM (SELECT {sql} AS q) AS s"  # noqa: S608 - compiled above
        cursor.execute(query, params)
        nodes, text = cursor.fetchone()
    found = re.fullmatch(r"'((?:[^']|'')*)'", text or "")
    if nodes != 1 or not found:
        return None
    return found.group(1).replace("''", "'")


FILTERS = OfferSearchForm.FILTERS


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


class OfferSearch:
    """Reads the listing's parameters and answers with offers and counts."""

    def __init__(self, params: QueryDict):
        self.params = params
        self.families = FAMILIES()
        self.locations = LOCATIONS()
        # The field shows the search as it was run: cut, without punctuation.
        data = params.copy()
        data["q"] = clean_query(params.get("q", ""))
        self.form = OfferSearchForm(
            data,
            choices={
                "family": [(family.slug, family.name) for family in self.families],
                "location": [(place.slug, str(place)) for place in self.locations],
                "contract": ContractType.choices,
                "remote": RemotePolicy.choices,
            },
        )
        self._tally: dict[str, Counter] | None = None
        self._page_ids: tuple[int, list[int]] | None = None
        self.form.is_valid()  # lenient fields: always valid, unknown values dropped
        data = self.form.cleaned_data
        self.query: str = data.get("q", "")
        self.sort: str = data.get("sort") or SortOrder.NEWEST
        self.selected: dict[str, list[str]] = {
            name: data.get(name, []) for name in OfferSearchForm.FILTERS
        }

    # Filters -------------------------------------------------------------------
    def base(self) -> QuerySet:
        """The listing rows of the open offers matching the search, before the
        filters."""
        offers = ListedOffer.objects.open()
        if not self.query:
            return offers
        return offers.filter(
            page_id__in=search_subquery(OfferPage.objects.all(), self.query)
        )

    def chosen_ids(self) -> dict[str, set]:
        """The chosen values of each active filter: ids for the family and the
        places, values for the others."""
        by_slug = {
            "family": {family.slug: family.pk for family in self.families},
            "location": {place.slug: place.pk for place in self.locations},
        }
        return {
            name: {by_slug[name][value] for value in values}
            if name in by_slug
            else set(values)
            for name, values in self.selected.items()
            if values
        }

    def conditions(self) -> dict[str, Q]:
        """One condition per active filter; choices of one filter add up."""
        chosen = self.chosen_ids()
        conditions = {}
        if ids := chosen.get("family"):
            conditions["family"] = Q(job_family_id__in=ids)
        if ids := chosen.get("location"):
            # In one of the places: read from the row's own ids ("|3|7|"), not
            # from a subquery of the offers' places (a third of the filtered
            # listing's counting time).
            conditions["location"] = Q.create(
                [("places__contains", f"|{pk}|") for pk in sorted(ids)],
                connector=Q.OR,
            )
        if values := chosen.get("contract"):
            conditions["contract"] = Q(contract_type__in=values)
        if values := chosen.get("remote"):
            conditions["remote"] = Q(remote_policy__in=values)
        return conditions

    def filtered(self) -> QuerySet:
        offers = self.base()
        for condition in self.conditions().values():
            offers = offers.filter(condition)
        return offers

    def ordering(self) -> list:
        if self.sort == SortOrder.CLOSING:
            return [
                F("closing_date").asc(nulls_last=True),
                F("published_at").desc(),
                "-page_id",
            ]
        return [F("published_at").desc(), "-page_id"]

    def results(self) -> QuerySet:
        """The ids of the offers shown, in their order (a lazy queryset)."""
        return (
            self.filtered().order_by(*self.ordering()).values_list("page_id", flat=True)
        )

    # Counts and page ---------------------------------------------------------
    def tally(self) -> dict[str, Counter]:
        """For each filter, how many offers each of its choices holds given the
        search and the other filters (so that a choice says what adding it would
        show), and the number of offers shown (``total``), whatever the number
        of offers: two grouped queries over the narrow listing rows (one when
        searching, see ``_grouped_once``), run once per request. The counts
        are kept (``ListingTally``) until the rows change or the day ends: one
        query reads them back (a search then reads its page's ids on its own).

        The matching rows are grouped by family, contract type, remote work and
        whether they pass the place filter (a few hundred groups at most), and
        those passing the other filters by set of places. The counts of every
        choice are added up from these groups here. An offer in several places
        counts once in each of them."""
        if self._tally is not None:
            return self._tally
        filters = self.filters_key()
        if filters is not None:
            today = timezone.localdate()
            kept = ListingTally.recall(filters, today)
            if kept is not None:
                self._tally = {
                    name: Counter(dict(pairs)) for name, pairs in kept.items()
                }
                return self._tally
            generation = ListingGeneration.current()
        tally = self._count()
        if filters is not None:
            counts = {name: list(counter.items()) for name, counter in tally.items()}
            ListingTally.remember(filters, today, generation, counts)
        self._tally = tally
        return tally

    def filters_key(self) -> str | None:
        """The chosen filters and the search in a stable form
        (``family=2,5;remote=hybrid;q=python developer``, empty for the plain
        listing), under which the counts are kept (``ListingTally``); None when
        too long to keep. The search's words hold no ``;`` nor ``=``."""
        chosen = self.chosen_ids()
        parts = [
            f"{name}={','.join(sorted(map(str, chosen[name])))}"
            for name in FILTERS
            if chosen.get(name)
        ]
        if self.query:
            parts.append(f"q={self.query}")
        key = ";".join(parts)
        return key if len(key) <= 255 else None

    def _count(self) -> dict[str, Counter]:
        """``tally()`` counted from the listing rows."""
        chosen = self.chosen_ids()
        conditions = self.conditions()

        def passes(*names: str) -> Case | Value:
            wanted = [conditions[name] for name in names if name in conditions]
            if not wanted:
                return Value(True)
            return Case(
                When(Q(*wanted), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )

        matching = (
            self.base()
            .order_by()
            .annotate(
                in_places=passes("location"),
                others_ok=passes("family", "contract", "remote"),
            )
        )
        if self.query:
            rows = self._grouped_once(matching)
        else:
            by_facts = matching.values_list(
                "job_family_id", "contract_type", "remote_policy", "in_places"
            ).annotate(offers=Count("*"))
            by_places = (
                matching.filter(others_ok=True)
                .values_list("places")
                .annotate(offers=Count("*"))
            )
            rows = [(*facts, None, offers) for *facts, offers in by_facts]
            rows += [(None, None, None, None, *row) for row in by_places]
        tally: dict[str, Counter] = {name: Counter() for name in (*FILTERS, "total")}
        for family, contract, remote, in_places, places, offers in rows:
            if places is not None:  # a set of places and its offers
                for place in ListedOffer.place_ids(places):
                    tally["location"][place] += offers
                continue
            keys = {"family": family, "contract": contract, "remote": remote}
            failed = [
                name
                for name, key in keys.items()
                if name in chosen and key not in chosen[name]
            ]
            if not in_places:
                failed.append("location")
            if len(failed) > 1:
                continue  # in no choice: two filters leave it out
            if not failed:
                tally["total"][""] += offers
            for name, key in keys.items():
                if not failed or failed == [name]:
                    tally[name][key] += offers
        return tally

    def requested_page(self) -> int:
        """The page number asked for, before it is checked against the count."""
        try:
            return max(int(self.params.get("page", "1")), 1)
        except ValueError:
            return 1

    def _grouped_once(self, matching: QuerySet) -> list[tuple]:
        """When searching, the two groupings of ``tally()`` and the ids of the
        page asked for, in one query over the matching rows read once (a
        common table expression): the search runs once per request, which
        matters for a word that every offer holds (~35 ms among 10 000 offers on
        PostgreSQL). The plain listing, with no search, does not need it."""
        columns = matching.values_list(
            "job_family_id",
            "contract_type",
            "remote_policy",
            "places",
            "in_places",
            "others_ok",
            "page_id",
            "published_at",
            "closing_date",
        )
        sql, params = columns.query.sql_with_params()
        newest = "published_at DESC, page_id DESC"
        order = (
            f"closing_date IS NULL, closing_date, {newest}"
            if self.sort == SortOrder.CLOSING
            else newest
        )
        number = self.requested_page()
        query = f"""
            WITH m (family, contract, remote, places, in_places, others_ok,
                    page_id, published_at, closing_date)
                AS ({sql})
            SELECT family, contract, remote, in_places, NULL, COUNT(*),
                CAST(NULL AS INTEGER) FROM m
                GROUP BY family, contract, remote, in_places
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, places, COUNT(*), CAST(NULL AS INTEGER)
                FROM m
                WHERE others_ok GROUP BY places
            UNION ALL
            SELECT * FROM (
                SELECT family, contract, remote, in_places, places, 0, page_id FROM m
                WHERE in_places AND others_ok
                ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {(number - 1) * PAGE_SIZE}
            ) AS page
        """  # noqa: S608 - SQL built here; values are parameters
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        self._page_ids = (number, [row[6] for row in rows if row[6] is not None])
        return [row[:6] for row in rows if row[6] is None]

    def counts(self, name: str) -> dict[Any, int]:
        """How many offers each choice of the filter ``name`` holds."""
        return dict(self.tally()[name])

    def facets(self) -> dict[str, list[FacetChoice]]:
        keys = {
            "family": [(f.slug, f.pk, f.name) for f in self.families],
            "location": [(p.slug, p.pk, str(p)) for p in self.locations],
            "contract": [(v, v, label) for v, label in ContractType.choices],
            "remote": [(v, v, label) for v, label in RemotePolicy.choices],
        }
        facets = {}
        for name, choices in keys.items():
            counts = self.counts(name)
            selected = set(self.selected[name])
            facets[name] = [
                FacetChoice(value, str(label), counts.get(key, 0), value in selected)
                for value, key, label in choices
                if counts.get(key) or value in selected
            ]
        return facets

    def page(self, page_size: int = PAGE_SIZE) -> PaginatorPage:
        """The page asked for, as cards read from the narrow listing rows
        (sorted and cut there, in one query). The number of offers comes from
        ``tally()``."""
        # Only the numbers of the paginator serve: the count comes from the
        # tally, the page's offers are read below.
        paginator = Paginator([], page_size)
        paginator.count = self.tally()["total"][""]
        page = paginator.get_page(self.params.get("page"))
        cities = {place.pk: place.city for place in self.locations}  # by city
        if self._page_ids and self._page_ids[0] == page.number:
            # The ids were read with the counts (a search).
            page.object_list = OfferPage.objects.cards(self._page_ids[1], cities)
        else:
            start, stop = (page.number - 1) * page_size, page.number * page_size
            if self.is_filtered or self.sort != SortOrder.NEWEST:
                rows = self.filtered().order_by(*self.ordering())[start:stop]
                page.object_list = rows.cards(cities)
            else:  # the plain listing
                rows = NEWEST_CARD_ROWS(timezone.localdate(), start=start, stop=stop)
                page.object_list = cards_from_rows(rows, cities)
        return page

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or any(self.selected.values()))

    def state(self, with_sort: bool = False) -> list[tuple[str, str]]:
        """The search as query parameters, in a stable order."""
        pairs = [("q", self.query)] if self.query else []
        for name in OfferSearchForm.FILTERS:
            pairs.extend((name, value) for value in self.selected[name])
        if with_sort and self.sort != SortOrder.NEWEST:
            pairs.append(("sort", self.sort))
        return pairs

    def querystring(self) -> str:
        return urlencode(self.state())

    def alert_url(self) -> str:
        """Where a candidate creates an alert for this search."""
        try:
            return f"{reverse('alerts:create')}?{self.querystring()}"
        except NoReverseMatch:
            return f"{reverse('account_signup')}?{urlencode({'next': '/me/'})}"

    def context(self) -> dict[str, Any]:
        facets = self.facets()
        for name, choices in facets.items():
            self.form.fields[name].choices = [
                (choice.value, f"{choice.label} ({choice.count})") for choice in choices
            ]
        page = self.page()
        try:
            speculative_url = reverse("applications:speculative")
        except NoReverseMatch:
            speculative_url = reverse("account_signup")
        return {
            "search_form": self.form,
            "offers": page.object_list,
            "page_obj": page,
            "facets": facets,
            "is_filtered": self.is_filtered,
            "search_state": self.querystring(),
            "page_state": urlencode(self.state(with_sort=True)),
            "alert_url": self.alert_url(),
            "speculative_url": speculative_url,
            "active_filters": self.active_filters(facets),
        }

    def active_filters(
        self, facets: dict[str, list[FacetChoice]]
    ) -> list[tuple[str, str]]:
        """(label, address without it) of each chosen filter value."""
        state = self.state(with_sort=True)
        return [
            (
                f"{self.form.fields[name].label}: {choice.label}",
                "?"
                + urlencode([pair for pair in state if pair != (name, choice.value)]),
            )
            for name, choices in facets.items()
            for choice in choices
            if choice.selected
        ]
