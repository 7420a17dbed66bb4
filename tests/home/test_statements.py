"""Statements (home.statements) answer what their queryset answers, built and
compiled once per shape, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime
import json

import pytest

from home.statements import Statement, instantiate
from offers.factories import JobFamilyFactory, LocationFactory
from offers.models import JobFamily, ListedOffer, OfferPage

from ..offers.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


class Counted:
    """A build function that counts its calls."""

    def __init__(self, build):
        self.build = build
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.build(*args, **kwargs)


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_tuples_as_the_queryset_gives_them(catalogue, django_assert_num_queries):
    def build(family_id, slugs, day, *, newest=True):
        order = "-published_at" if newest else "published_at"
        return (
            ListedOffer.objects.open(day)
            .filter(job_family_id=family_id)
            .exclude(page__slug__in=slugs)
            .order_by(order, "page_id")
            .values_list("page_id", "page__title", "closing_date", "published_at")
        )

    build = Counted(build)
    statement = Statement(build)
    today = datetime.date.today()
    families = [family.pk for family in catalogue.families.values()]
    slugs = [offer.slug for offer in catalogue.offers.values()]
    cases = [
        (family, slugs[:count], day, newest)
        for family in families
        for count in (0, 1, 3)
        for day in (today, today + datetime.timedelta(days=400))
        for newest in (True, False)
    ]
    for family, chosen, day, newest in cases:
        expected = list(build.build(family, chosen, day, newest=newest))
        with django_assert_num_queries(1):
            assert statement(family, chosen, day, newest=newest) == expected
    assert any(statement(f, [], today, newest=True) for f in families)
    # One build per shape: three list lengths, two orders (families and days
    # are values).
    assert build.calls == 6
    assert all(compiled is not None for compiled in statement.shapes.values())


def test_instances_with_their_related_rows(catalogue, django_assert_num_queries):
    statement = Statement(
        lambda pk: OfferPage.objects.select_related("job_family").filter(pk=pk)
    )
    for offer in catalogue.offers.values():
        with django_assert_num_queries(1):
            (mine,) = statement(offer.pk)
        expected = OfferPage.objects.select_related("job_family").get(pk=offer.pk)
        with django_assert_num_queries(0):
            assert type(mine) is OfferPage
            for field in OfferPage._meta.concrete_fields:
                assert getattr(mine, field.attname) == getattr(
                    expected, field.attname
                ), field.name
            assert mine.job_family == expected.job_family
            if mine.job_family:
                assert mine.job_family.name == expected.job_family.name
        assert not mine._state.adding
    assert statement(-5) == []


def test_a_shape_the_stand_ins_cannot_follow_runs_as_a_queryset(catalogue):
    """``icontains`` wraps its value (``%word%``): no stand-in to replace."""
    build = Counted(
        lambda word: (
            JobFamily.objects.filter(name__icontains=word)
            .order_by("pk")
            .values_list("pk", flat=False)
        )
    )
    statement = Statement(build)
    for word in ("eng", "SALES", "nothing"):
        expected = list(build.build(word))
        assert statement(word) == expected
    assert list(statement.shapes.values()) == [None]


def test_none_and_empty_lists(catalogue):
    JobFamilyFactory(name="Unused")
    LocationFactory(city="Nowhere")
    statement = Statement(
        lambda ids, *, family=None: ListedOffer.objects.filter(
            page_id__in=ids, job_family_id=family
        ).values_list("page_id")
    )
    ids = list(ListedOffer.objects.values_list("page_id", flat=True))
    assert statement([]) == []
    assert statement(ids, family=None) == list(
        ListedOffer.objects.filter(job_family=None).values_list("page_id")
    )
    family = catalogue.families["engineering"].pk
    assert sorted(statement(ids, family=family)) == sorted(
        ListedOffer.objects.filter(job_family_id=family).values_list("page_id")
    )


def test_prefetching_runs_as_a_queryset(catalogue):
    statement = Statement(
        lambda pk: OfferPage.objects.filter(pk=pk).prefetch_related("locations")
    )
    offer = catalogue.offers["Python developer"]
    (mine,) = statement(offer.pk)
    assert list(mine.locations.all()) == list(offer.locations.all())
    assert list(statement.shapes.values()) == [None]


def card_names() -> tuple[str, ...]:
    from offers.models import CARD_FIELDS

    return tuple(
        field.attname
        for field in OfferPage._meta.concrete_fields
        if field.attname in CARD_FIELDS
    )


def test_instantiate_is_from_db_for_plain_fields(catalogue):
    offer = catalogue.offers["Python developer"]
    names = card_names()
    values = [getattr(offer, name) for name in names]
    mine = instantiate(OfferPage, "default", names, values)
    django = OfferPage.from_db("default", names, values)
    assert type(mine) is OfferPage
    assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
        k: v for k, v in vars(django).items() if k != "_state"
    }
    assert (mine._state.adding, mine._state.db) == (False, "default")
    assert mine.get_deferred_fields() == django.get_deferred_fields()
    assert mine == django and mine.pk == offer.pk
    assert mine.job_family == offer.job_family  # the family read on demand
    assert mine.reference == offer.reference  # a deferred field read on demand


def test_instantiate_leaves_converting_fields_and_init_signals_to_django(catalogue):
    from django.db.models.signals import post_init

    offer = catalogue.offers["Python developer"]
    with_body = ("id", "page_ptr_id", "body")
    stored = json.dumps(list(offer.body.raw_data))  # as the column holds it
    mine = instantiate(OfferPage, "default", with_body, (offer.pk, offer.pk, stored))
    assert type(mine.body).__name__ == "StreamValue"
    seen = []

    def receiver(instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=JobFamily)
    try:
        family = instantiate(JobFamily, "default", ("id", "name"), (1, "Sales"))
    finally:
        post_init.disconnect(receiver, sender=JobFamily)
    assert seen == [family]
