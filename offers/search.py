"""Search and filters of the offer listing and feed.

Words are matched through Wagtail's search API, whatever the backend (the
database's own, or OpenSearch/Elasticsearch), without relevance ranking: offers
are listed newest first. The filters, the counts beside each choice and the
page of offers are ordinary queries over the open offers found, a fixed number
of them whatever the number of offers.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext, ngettext_lazy

from home.formatting import grouped
from home.page_cache import kept_for_everyone

from .choices import ContractType, RemotePolicy, SortOrder
from .forms import OfferSearchForm, clean_query
from .models import JobFamily, Location, OfferPage, OfferSearchDocument

PAGE_SIZE = 20
#: Above this many matches, a search stays a subquery (see matching_offer_ids).
MAX_LISTED_MATCHES = 500

#: The column of the offer each filter reads (places are a relation).
FILTER_COLUMNS = {
    "family": "job_family_id",
    "contract": "contract_type",
    "remote": "remote_policy",
}


def matching_offer_ids(query: str) -> QuerySet | list[int]:
    """The ids of the live offers whose indexed text holds every word of
    ``query``: a queryset the database runs as a subquery of the counts and
    the page (database backends), or the ids a search service found."""
    if OfferSearchDocument.in_use():
        # PostgreSQL: the offers' own documents, matched from their GIN index
        # (every word), each word stemmed as the page's language stems it; each
        # document was stemmed by its offer's language.
        config = OfferSearchDocument.config()
        words = [
            SearchQuery(word, search_type="plain", config=config)
            for word in re.split(r"[\s\-]+", query)
            if word
        ]
        if not words:
            return []
        return OfferSearchDocument.objects.filter(
            document=reduce(operator.and_, words)
        ).values("offer_id")
    results = OfferPage.objects.live().search(
        query, operator="and", order_by_relevance=False
    )
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        # The database backends answer with a queryset. A few matches are read
        # once; many (a common word) stay in the database as a subquery, their
        # ids costing more to send back and forth than the search to run again.
        matches = get_queryset().order_by().values_list("pk", flat=True)
        few = list(matches[: MAX_LISTED_MATCHES + 1])
        return few if len(few) <= MAX_LISTED_MATCHES else matches
    return [offer.pk for offer in results]


# The listing's heading, by what is chosen: (search words, job families,
# places). Without any of them, every open offer is shown.
HEADINGS: dict[tuple[bool, bool, bool], Any] = {
    (False, False, False): ngettext_lazy(
        "%(number)s open offer", "%(number)s open offers", "count"
    ),
    (True, False, False): ngettext_lazy(
        "%(number)s offer for “%(query)s”",
        "%(number)s offers for “%(query)s”",
        "count",
    ),
    (False, True, False): ngettext_lazy(
        "%(number)s offer in %(families)s",
        "%(number)s offers in %(families)s",
        "count",
    ),
    (False, False, True): ngettext_lazy(
        "%(number)s offer in %(places)s",
        "%(number)s offers in %(places)s",
        "count",
    ),
    (True, True, False): ngettext_lazy(
        "%(number)s offer for “%(query)s” in %(families)s",
        "%(number)s offers for “%(query)s” in %(families)s",
        "count",
    ),
    (True, False, True): ngettext_lazy(
        "%(number)s offer for “%(query)s” in %(places)s",
        "%(number)s offers for “%(query)s” in %(places)s",
        "count",
    ),
    (False, True, True): ngettext_lazy(
        "%(number)s offer in %(families)s, in %(places)s",
        "%(number)s offers in %(families)s, in %(places)s",
        "count",
    ),
    (True, True, True): ngettext_lazy(
        "%(number)s offer for “%(query)s” in %(families)s, in %(places)s",
        "%(number)s offers for “%(query)s” in %(families)s, in %(places)s",
        "count",
    ),
}


def either(labels: list[str]) -> str:
    """Names joined as alternatives: "Lyon", "Lyon or Paris", "Lyon, Nantes or
    Paris"."""
    if len(labels) < 2:
        return "".join(labels)
    return gettext("%(items)s or %(last)s") % {
        "items": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def labelled(label: Any, value: str) -> str:
    """A chip's words: "Location: Lyon, France" ("Lieu : …" in French)."""
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


@dataclass
class Taxon:
    """A job family or a place as the listing offers it: its slug, its name in
    the listing's language (the default language's while it has no
    translation) and the ids of all its translations, which offers may point to
    (a page's translation points to its family's, its places are copied)."""

    slug: str
    label: str
    ids: list[int]
    #: How a heading names it ("Lyon" for "Lyon, France").
    short_label: str = ""


def taxa(model: type, locale_id: int | None, fields: tuple[str, ...]) -> list[Taxon]:
    """Every item of ``model`` (one query), named in the language of
    ``locale_id``, else in the default language."""
    rows = model.objects.select_related("locale").only(
        "pk", "slug", "locale__language_code", *fields
    )
    by_slug: dict[str, Taxon] = {}
    rank: dict[str, int] = {}
    for row in rows:
        taxon = by_slug.setdefault(row.slug, Taxon(row.slug, str(row), []))
        taxon.ids.append(row.pk)
        if row.locale_id == locale_id:
            mine = 2
        else:
            mine = int(row.locale.language_code == settings.LANGUAGE_CODE)
        if mine > rank.get(row.slug, -1):
            rank[row.slug] = mine
            taxon.label = str(row)
            taxon.short_label = getattr(row, "city", "") or str(row)
    return sorted(by_slug.values(), key=lambda taxon: taxon.label.casefold())


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool


class OfferSearch:
    """Reads the listing's parameters and answers with the offers of one
    language (``locale_id``; every language's when None) and their counts."""

    def __init__(self, params: QueryDict, locale_id: int | None = None):
        self.params = params
        self.locale_id = locale_id
        self.families = taxa(JobFamily, locale_id, ("name",))
        self.locations = taxa(Location, locale_id, ("city", "country"))
        # The field shows the search as it was run: cut, without punctuation.
        data = params.copy()
        data["q"] = clean_query(params.get("q", ""))
        self.form = OfferSearchForm(
            data,
            choices={
                "family": [(family.slug, family.label) for family in self.families],
                "location": [(place.slug, place.label) for place in self.locations],
                "contract": ContractType.choices,
                "remote": RemotePolicy.choices,
            },
        )
        self.form.is_valid()  # lenient fields: always valid, unknown values dropped
        data = self.form.cleaned_data
        self.query: str = data.get("q", "")
        self.sort: str = data.get("sort") or SortOrder.NEWEST
        self.selected: dict[str, list[str]] = {
            name: data.get(name, []) for name in OfferSearchForm.FILTERS
        }
        self._matches: QuerySet | list[int] | None = None
        self._tally: dict[str, Counter] | None = None

    # Filters -------------------------------------------------------------------
    def base(self) -> QuerySet[OfferPage]:
        """The open offers matching the search, before the filters."""
        offers = OfferPage.objects.open()
        if self.locale_id is not None:
            offers = offers.filter(locale_id=self.locale_id)
        if not self.query:
            return offers
        if self._matches is None:
            self._matches = matching_offer_ids(self.query)
        return offers.filter(pk__in=self._matches)

    def conditions(self) -> dict[str, Q]:
        """One condition per active filter; choices of one filter add up."""
        by_slug = {
            "family": {family.slug: family.ids for family in self.families},
            "location": {place.slug: place.ids for place in self.locations},
        }
        conditions = {}
        for name, values in self.selected.items():
            if not values:
                continue
            if name == "location":
                places = OfferPage.locations.through.objects.filter(
                    location_id__in=[
                        i for value in values for i in by_slug[name][value]
                    ]
                )
                conditions[name] = Q(pk__in=places.values("offerpage_id"))
            elif name == "family":
                ids = [i for value in values for i in by_slug[name][value]]
                conditions[name] = Q(job_family_id__in=ids)
            else:
                conditions[name] = Q(**{f"{FILTER_COLUMNS[name]}__in": values})
        return conditions

    def filtered(self, leave_out: str | None = None) -> QuerySet[OfferPage]:
        """The offers shown; with ``leave_out``, as if that filter were unset."""
        offers = self.base()
        for name, condition in self.conditions().items():
            if name != leave_out:
                offers = offers.filter(condition)
        return offers

    def ordering(self) -> list:
        # Live offers all have a first publication date: Wagtail's index on it,
        # read backwards, gives the newest first.
        newest = ["-first_published_at", "-pk"]
        if self.sort == SortOrder.CLOSING:
            return [F("closing_date").asc(nulls_last=True), *newest]
        return newest

    def results(self) -> QuerySet[OfferPage]:
        """The offers shown, in their order, as cards."""
        return self.filtered().order_by(*self.ordering()).cards()

    # Counts and page ---------------------------------------------------------
    def counts(self, name: str) -> Counter:
        """How many offers each choice of the filter ``name`` holds, given the
        search and the other filters (so that a choice says what adding it would
        show). An offer in several places counts once in each of them."""
        return self.tally()[name]

    def tally(self) -> dict[str, Counter]:
        """The counts of every filter, and the number of offers shown
        (``total``): the same for every visitor of the same search, kept
        under the content's version (``kept_for_everyone``), counted afresh
        whenever an offer is published, closed or changed, or the day turns."""
        if self._tally is None:
            self._tally = kept_for_everyone(
                "offer-counts",
                (self.locale_id, self.query, sorted(self.selected.items())),
                self.count_choices,
            )
        return self._tally

    def count_choices(self) -> dict[str, Counter]:
        """The counts of :meth:`tally`, in two queries whatever the number of
        offers: one counts each choice of the offers' own columns under the
        other filters, the other the places."""
        conditions = self.conditions()

        def under(*conditions_met: Q, leave_out: str | None = None) -> Q:
            others = [q for name, q in conditions.items() if name != leave_out]
            return Q(*conditions_met, *others)

        choices = {
            "family": [family.slug for family in self.families],
            "contract": ContractType.values,
            "remote": RemotePolicy.values,
        }
        aggregates = {"total": Count("pk", filter=under())}
        keys = {}
        for name, values in choices.items():
            for number, value in enumerate(values):
                alias = f"{name}_{number}"
                keys[alias] = (name, value)
                if name == "family":
                    ids = next(f.ids for f in self.families if f.slug == value)
                    chosen = Q(job_family_id__in=ids)
                else:
                    chosen = Q(**{FILTER_COLUMNS[name]: value})
                aggregates[alias] = Count("pk", filter=under(chosen, leave_out=name))
        counted = self.base().order_by().aggregate(**aggregates)
        tally: dict[str, Counter] = {name: Counter() for name in (*choices, "total")}
        tally["total"][""] = counted.pop("total")
        for alias, count in counted.items():
            name, value = keys[alias]
            if count:
                tally[name][value] = count
        places = (
            OfferPage.locations.through.objects.filter(
                offerpage_id__in=self.filtered(leave_out="location").values("pk")
            )
            .values_list("location_id")
            .annotate(offers=Count("pk"))
            .order_by()
        )
        slug_of = {i: place.slug for place in self.locations for i in place.ids}
        tally["location"] = Counter()
        for location_id, offers in places:
            tally["location"][slug_of.get(location_id)] += offers
        return tally

    def facets(self) -> dict[str, list[FacetChoice]]:
        keys = {
            "family": [(f.slug, f.slug, f.label) for f in self.families],
            "location": [(p.slug, p.slug, p.label) for p in self.locations],
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
        paginator = Paginator(self.results(), page_size)
        paginator.count = self.tally()["total"][""]  # counted already
        return paginator.get_page(self.params.get("page"))

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
        return f"{reverse('alerts:create')}?{self.querystring()}"

    @property
    def filter_count(self) -> int:
        """How many filter choices are made (the search words aside): the
        number on the listing's "Filters (n)" button."""
        return sum(len(values) for values in self.selected.values())

    def heading(self, count: int) -> str:
        """What the listing shows, in words: "12 offers for “python” in Lyon",
        "3 offers in Engineering", "7 open offers"."""
        labels = {
            name: [
                taxon.short_label or taxon.label
                for taxon in taxa
                if taxon.slug in self.selected[name]
            ]
            for name, taxa in (
                ("family", self.families),
                ("location", self.locations),
            )
        }
        values = {
            "count": count,
            "number": grouped(count),
            "query": self.query,
            "families": either(labels["family"]),
            "places": either(labels["location"]),
        }
        key = (bool(self.query), bool(labels["family"]), bool(labels["location"]))
        return HEADINGS[key] % values

    def show_label(self, count: int) -> str:
        """The filters' submit button: "Show 12 offers"."""
        return ngettext("Show %(number)s offer", "Show %(number)s offers", count) % {
            "number": grouped(count)
        }

    def context(self) -> dict[str, Any]:
        facets = self.facets()
        for name, choices in facets.items():
            self.form.fields[name].choices = [
                (choice.value, f"{choice.label} ({choice.count})") for choice in choices
            ]
        page = self.page()
        count = page.paginator.count
        return {
            "results_heading": self.heading(count),
            "show_offers_label": self.show_label(count),
            "filter_count": self.filter_count,
            "search_form": self.form,
            "offers": page.object_list,
            "page_obj": page,
            "facets": facets,
            "is_filtered": self.is_filtered,
            "search_state": self.querystring(),
            "page_state": urlencode(self.state(with_sort=True)),
            "alert_url": self.alert_url(),
            "speculative_url": reverse("applications:speculative"),
            "active_filters": self.active_filters(facets),
        }

    def active_filters(
        self, facets: dict[str, list[FacetChoice]]
    ) -> list[tuple[str, str]]:
        """(label, address without it) of the search words and of each chosen
        filter value: removing one keeps the others."""
        state = self.state(with_sort=True)
        words = []
        if self.query:
            words.append(
                (
                    labelled(self.form.fields["q"].label, self.query),
                    "?" + urlencode([pair for pair in state if pair[0] != "q"]),
                )
            )
        return words + [
            (
                labelled(self.form.fields[name].label, choice.label),
                "?"
                + urlencode([pair for pair in state if pair != (name, choice.value)]),
            )
            for name, choices in facets.items()
            for choice in choices
            if choice.selected
        ]
