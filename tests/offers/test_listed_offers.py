"""The narrow listing rows (offers.ListedOffer): kept in step with the offers
through publication, drafts, unpublication, filling and deletion, and the
listing's counts and order worked out from them equal those worked out from the
offers themselves."""

from __future__ import annotations

import io
import itertools
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Page

from offers.factories import JobFamilyFactory, LocationFactory
from offers.models import ListedOffer, OfferPage
from offers.search import OfferSearch

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

CONTRACTS = ["permanent", "fixed_term", "internship"]
REMOTE = ["on_site", "hybrid", "full_remote"]


def row(offer: OfferPage) -> ListedOffer | None:
    return ListedOffer.objects.filter(page_id=offer.pk).first()


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_each_open_offer_has_its_row(catalogue):
    offer = catalogue.offers["Frontend developer"]
    listed = row(offer)
    assert listed is not None
    assert listed.job_family_id == offer.job_family_id
    assert listed.contract_type == offer.contract_type
    assert listed.remote_policy == offer.remote_policy
    assert listed.closing_date == offer.closing_date
    assert listed.published_at == offer.first_published_at
    lyon, paris = catalogue.places["lyon"], catalogue.places["paris"]
    assert ListedOffer.place_ids(listed.places) == sorted([lyon.pk, paris.pk])
    live = OfferPage.objects.filter(live=True, filled=False)
    assert set(ListedOffer.objects.values_list("page_id", flat=True)) == set(
        live.values_list("pk", flat=True)
    )


def test_a_draft_does_not_reach_the_listing_until_published(catalogue):
    offer = catalogue.offers["Python developer"]
    sales = catalogue.families["sales"]
    paris = catalogue.places["paris"]
    draft = OfferPage.objects.get(pk=offer.pk)
    draft.job_family = sales
    draft.contract_type = "internship"
    draft.locations = [paris]
    revision = draft.save_revision()
    listed = row(offer)
    assert listed.job_family_id == catalogue.families["engineering"].pk
    assert listed.contract_type == "permanent"
    assert listed.places == ListedOffer.places_key([catalogue.places["lyon"].pk])

    revision.publish()
    listed = row(offer)
    assert listed.job_family_id == sales.pk
    assert listed.contract_type == "internship"
    assert listed.places == ListedOffer.places_key([paris.pk])


def test_unpublishing_as_a_plain_page_removes_the_row(catalogue):
    offer = catalogue.offers["Python developer"]
    Page.objects.get(pk=offer.pk).unpublish()  # not the specific OfferPage
    assert row(offer) is None
    assert "Python developer" not in titles_listed("")


def test_filling_and_deleting_remove_the_row(catalogue):
    offer = catalogue.offers["Python developer"]
    offer.filled = True
    offer.save_revision().publish()
    assert row(offer) is None
    offer.filled = False
    offer.save_revision().publish()
    assert row(offer) is not None
    offer.delete()
    assert not ListedOffer.objects.filter(page_id=offer.pk).exists()


def test_a_passed_closing_date_takes_the_offer_out_without_any_write(catalogue):
    offer = catalogue.offers["Frontend developer"]  # closes in 5 days
    assert "Frontend developer" in titles_listed("")
    later = timezone.localdate() + timedelta(days=6)
    assert ListedOffer.objects.open().filter(page_id=offer.pk).exists()
    assert not ListedOffer.objects.open(later).filter(page_id=offer.pk).exists()
    assert row(offer) is not None  # still there: back if HR extends the date


def test_rebuild_writes_the_same_rows(catalogue):
    fields = ("page_id", "published_at", "job_family_id", "contract_type", "places")
    before = sorted(ListedOffer.objects.values_list(*fields))
    # Changed in bulk, outside Wagtail: the rows are stale until rebuilt.
    python = catalogue.offers["Python developer"]
    OfferPage.objects.filter(pk=python.pk).update(contract_type="freelance")
    assert row(python).contract_type == "permanent"
    out = io.StringIO()
    call_command("rebuild_listed_offers", stdout=out)
    after = sorted(ListedOffer.objects.values_list(*fields))
    assert f"{len(before)} offer(s) listed" in out.getvalue()
    changed = [(b, a) for a, b in zip(after, before, strict=True) if a != b]
    assert len(after) == len(before)
    assert len(changed) == 1
    assert changed[0][1] == (*changed[0][0][:3], "freelance", changed[0][0][4])


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
    families = {family.slug: family.pk for family in catalogue.families.values()}
    places = {place.slug: place.pk for place in catalogue.places.values()}
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
        tally = search.tally()
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
        got = {name: dict(tally[name]) for name in expected if name != "total"}
        assert got == {k: v for k, v in expected.items() if k != "total"}, params
        assert tally["total"][""] == expected["total"], params
        assert search.page().paginator.count == expected["total"]


@pytest.mark.parametrize("query", ["", "random"])
def test_the_order_is_newest_first_then_closing_soon(random_catalogue, query):
    """Page after page, with and without a search (the search reads the ids of
    the page with the counts, in one query)."""
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
        assert last.object_list == shown[(pages - 1) * 20 :]
        params["page"] = "abc"
        assert OfferSearch(params).page().object_list == shown[:20]
