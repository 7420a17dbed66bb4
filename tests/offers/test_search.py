"""The listing's counts and order equal those worked out from the offers one by
one, with and without a search."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from offers.factories import JobFamilyFactory, LocationFactory
from offers.models import JobFamily, Location, OfferPage
from offers.search import OfferSearch

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

CONTRACTS = ["permanent", "fixed_term", "internship"]
REMOTE = ["on_site", "hybrid", "full_remote"]


@pytest.fixture
def catalogue():
    return build_catalogue()


def titles_listed(querystring: str) -> list[str]:
    page = OfferSearch(QueryDict(querystring)).page()
    return [offer.title for offer in page.object_list]


# Counts and order against a brute force over the offers themselves ----------


@pytest.fixture
def random_catalogue(catalogue):
    """40 more offers, facts drawn at random (fixed seed), some closed."""
    rng = random.Random(8)  # noqa: S311 - test data
    families = [*catalogue.families.values(), JobFamilyFactory(name="Finance")]
    places = [*catalogue.places.values(), LocationFactory(city="Nantes")]
    today = timezone.localdate()
    for number in range(40):
        remote = rng.choice(REMOTE)
        catalogue.add(
            f"Random {'developer' if number % 3 else 'analyst'} {number}",
            days_ago=rng.randint(0, 60),
            job_family=rng.choice(families),
            locations=rng.sample(places, rng.choice([1, 1, 2, 3])),
            contract_type=rng.choice(CONTRACTS),
            remote_policy=remote,
            remote_countries="FR" if remote == "full_remote" else "",
            closing_date=rng.choice(
                [None, today + timedelta(days=3), today - timedelta(days=1)]
            ),
            filled=number % 13 == 0,
        )
    return catalogue


def expected_counts(catalogue, chosen: dict[str, set], query: str) -> dict:
    """Counts worked out from the open offers one by one."""
    offers = list(OfferPage.objects.open())
    if query:  # through Wagtail's search, as the listing does
        found = OfferPage.objects.search(
            query, operator="and", order_by_relevance=False
        )
        ids = {offer.pk for offer in found}
        offers = [offer for offer in offers if offer.pk in ids]
    facts = []
    for offer in offers:
        places = {place.pk for place in offer.locations.all()}
        facts.append(
            {
                "family": {offer.job_family_id},
                "location": places,
                "contract": {offer.contract_type},
                "remote": {offer.remote_policy},
            }
        )
    counts: dict = {name: {} for name in ("family", "location", "contract", "remote")}
    total = 0
    for fact in facts:
        passes = {
            name: name not in chosen or bool(fact[name] & chosen[name])
            for name in counts
        }
        if all(passes.values()):
            total += 1
        for name in counts:
            if all(ok for other, ok in passes.items() if other != name):
                for key in fact[name]:
                    counts[name][key] = counts[name].get(key, 0) + 1
    return {**counts, "total": total}


def test_counts_equal_a_count_of_the_offers_one_by_one(random_catalogue):
    catalogue = random_catalogue
    families = dict(JobFamily.objects.values_list("slug", "pk"))
    places = dict(Location.objects.values_list("slug", "pk"))
    choices = [
        {},
        {"family": ["engineering"]},
        {"family": ["engineering", "sales"], "remote": ["hybrid"]},
        {"location": ["lyon"]},
        {"location": ["lyon", "paris"], "contract": ["permanent", "internship"]},
        {
            "family": ["sales"],
            "location": ["brussels"],
            "contract": ["fixed_term"],
            "remote": ["on_site", "full_remote"],
        },
    ]
    for selection, query in itertools.product(choices, ["", "developer"]):
        params = QueryDict(mutable=True)
        for name, values in selection.items():
            params.setlist(name, values)
        if query:
            params["q"] = query
        search = OfferSearch(params)
        chosen = {
            name: {
                families[value]
                if name == "family"
                else places[value]
                if name == "location"
                else value
                for value in values
            }
            for name, values in selection.items()
        }
        expected = expected_counts(catalogue, chosen, query)
        # Families and places are counted by slug (the same in every language).
        ids = {"family": families, "location": places}
        got = {
            name: {
                ids.get(name, {}).get(k, k): n for k, n in search.counts(name).items()
            }
            for name in expected
            if name != "total"
        }
        assert got == {k: v for k, v in expected.items() if k != "total"}, params
        assert search.page().paginator.count == expected["total"]


@pytest.mark.parametrize("query", ["", "random"])
def test_the_order_is_newest_first_then_closing_soon(random_catalogue, query):
    """Page after page, with and without a search."""
    matching = {offer.pk for offer in OfferPage.objects.open()}
    if query:
        found = OfferPage.objects.search(
            query, operator="and", order_by_relevance=False
        )
        matching &= {offer.pk for offer in found}
    for sort, key in [
        ("", lambda offer: (-offer.first_published_at.timestamp(), -offer.pk)),
        (
            "closing",
            lambda offer: (
                offer.closing_date is None,
                offer.closing_date,
                -offer.first_published_at.timestamp(),
                -offer.pk,
            ),
        ),
    ]:
        expected = sorted(OfferPage.objects.filter(pk__in=matching), key=key)
        params = QueryDict(mutable=True)
        params.update({"q": query, "sort": sort})
        pages = OfferSearch(params).page().paginator.num_pages
        assert pages > 1
        shown = []
        for number in range(1, pages + 1):
            params["page"] = str(number)
            shown += OfferSearch(params).page().object_list
        assert [offer.pk for offer in shown] == [offer.pk for offer in expected]
        # Out of range or not a number: the last page, or the first.
        params["page"] = "999"
        last = OfferSearch(params).page()
        assert last.number == pages
        assert list(last.object_list) == shown[(pages - 1) * 20 :]
        params["page"] = "abc"
        assert list(OfferSearch(params).page().object_list) == shown[:20]
