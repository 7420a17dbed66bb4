"""Seeds the benchmark database: the demo site, offers up to ``--count``, and a
candidate whose session measures the pages as a logged-in visitor sees them.

Run as ``python -m bench.seed --count 10000`` with ``DJANGO_SETTINGS_MODULE``
pointing at ``bench.settings``. The search index is written once, in bulk, at the
end, as ``manage.py update_index`` would.
"""

from __future__ import annotations

import argparse
import io
import random
import time
import uuid
from datetime import timedelta

import django

# The logged-in candidate of the benchmark (bench/pages.py logs it in).
CANDIDATE_USERNAME = "bench-candidate"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from offers.models import (
        JobFamily,
        Location,
        OfferIndexPage,
        OfferPage,
        OfferSearchDocument,
    )

    started = time.monotonic()
    call_command("load_demo_data", stdout=io.StringIO())
    rng = random.Random(args.seed)  # noqa: S311 - benchmark data
    # The offers are written in the default language, under its listing.
    locale = Locale.get_default()
    index = OfferIndexPage.objects.get(locale=locale)
    families = list(JobFamily.objects.filter(locale=locale))
    places = list(Location.objects.filter(locale=locale))
    roles = [
        "developer",
        "engineer",
        "analyst",
        "designer",
        "manager",
        "consultant",
        "technician",
        "coordinator",
        "specialist",
        "assistant",
        "controller",
        "lead",
    ]
    fields = [
        "backend",
        "frontend",
        "data",
        "cloud",
        "payroll",
        "logistics",
        "sales",
        "marketing",
        "security",
        "support",
        "finance",
        "product",
        "quality",
        "maintenance",
        "supply chain",
        "research",
        "legal",
        "training",
    ]
    skills = [f"skill{number}" for number in range(300)]
    contracts = ["permanent"] * 6 + [
        "fixed_term",
        "internship",
        "temporary",
        "freelance",
        "apprenticeship",
    ]
    remotes = ["on_site", "on_site", "hybrid", "hybrid", "full_remote"]
    existing = OfferPage.objects.count()
    to_create = max(args.count - existing, 0)
    now = timezone.now()
    today = timezone.localdate()

    # Pages are written in bulk, as rows: one offer per add_child() would take
    # most of an hour on a small machine.
    offer_type = ContentType.objects.get_for_model(OfferPage)
    first_position = index.numchild + 1
    pages, offers, places_of = [], [], []
    for number in range(to_create):
        field, role = rng.choice(fields), rng.choice(roles)
        remote = rng.choice(remotes)
        words = " ".join(rng.sample(skills, 8))
        # "zephyr" is rare (one offer in a thousand); "team" is in every offer.
        rare = " zephyr" if number % 1000 == 0 else ""
        title = f"{field.capitalize()} {role} {number}"
        slug = f"bench-offer-{number}"
        published = now - timedelta(minutes=number + 60)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(
                    index.path, index.depth + 1, first_position + number
                ),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=offer_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
        offers.append(
            OfferPage(
                listing_summary="",
                reference=f"BENCH-{number:06d}",
                job_family=rng.choice(families),
                contract_type=rng.choice(contracts),
                remote_policy=remote,
                remote_countries="FR, BE" if remote == "full_remote" else "",
                working_time="full_time",
                experience_level="",
                salary_currency="EUR",
                salary_period="YEAR",
                filled=False,
                closing_date=(
                    today + timedelta(days=rng.randint(1, 120)) if number % 3 else None
                ),
                # Missions and profile, as every published offer has them,
                # and a body of the length of the demo's: pages of a real size.
                missions=(
                    f"<p>You join a team of {rng.randint(3, 30)} people working "
                    f"on {field}. You know {words}{rare}.</p><ul>"
                    + "".join(
                        f"<li>You take charge of {skill} with the {field} team, "
                        "from the first study to the follow-up in production.</li>"
                        for skill in rng.sample(skills, 4)
                    )
                    + "</ul>"
                ),
                profile=(
                    f"<p>{rng.randint(1, 10)} years of experience as a {role} or "
                    "in a similar job, clear writing and the habit of sharing "
                    "what you learn.</p><ul>"
                    + "".join(
                        f"<li>Practice of {skill}.</li>"
                        for skill in rng.sample(skills, 3)
                    )
                    + "</ul>"
                ),
                body=[
                    {
                        "type": "heading",
                        "value": {"text": "What we offer", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>Two days a week from home, five training days a "
                            "year, full health cover and a yearly bonus.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "How we recruit", "level": "h2"},
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>A call with a recruiter, a conversation with the "
                            "team about a real case, then an answer within a "
                            "week.</p>"
                        ),
                    },
                ],
            )
        )
        places_of.append(rng.sample(places, rng.choice([1, 1, 1, 2])))

    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=1000)
        for page, offer in zip(pages, offers, strict=True):
            offer.page_ptr_id = offer.pk = page.pk
        fields = [
            field
            for field in OfferPage._meta.local_concrete_fields
            if not field.primary_key or field.name == "page_ptr"
        ]
        for start in range(0, len(offers), 1000):
            OfferPage._base_manager._insert(offers[start : start + 1000], fields=fields)
        Through = OfferPage.locations.through
        Through.objects.bulk_create(
            [
                Through(offerpage_id=page.pk, location_id=place.pk)
                for page, chosen in zip(pages, places_of, strict=True)
                for place in chosen
            ],
            batch_size=2000,
        )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    created = [page.pk for page in pages]

    backend = get_search_backend()
    for start in range(0, len(created), 500):
        batch = OfferPage.objects.filter(pk__in=created[start : start + 500])
        backend.add_bulk(OfferPage, list(batch.prefetch_related("locations")))
        OfferSearchDocument.refresh(created[start : start + 500])
    # A candidate of no staff group, who has accepted no agreement yet: the
    # pages serve them (no renewal to ask for), uncached.
    User = get_user_model()
    if not User.objects.filter(username=CANDIDATE_USERNAME).exists():
        User.objects.create_user(
            CANDIDATE_USERNAME, f"{CANDIDATE_USERNAME}@example.com", password=None
        )
    print(
        f"Seeded {OfferPage.objects.count()} offers "
        f"({OfferPage.objects.open().count()} open) "
        f"in {time.monotonic() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
