"""A small world for the alert tests: a site, an offer index, families, places,
and offers written as drafts and published the way Wagtail publishes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from home.factories import make_site_root
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from offers.models import JobFamily, Location, OfferIndexPage, OfferPage


@dataclass
class World:
    index: OfferIndexPage
    families: dict[str, JobFamily] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)

    def draft(self, title: str = "Backend developer", **kwargs: Any) -> OfferPage:
        """An offer never published yet (``body`` may be a plain paragraph)."""
        kwargs.setdefault("job_family", self.families["engineering"])
        kwargs.setdefault("locations", [self.places["lyon"]])
        if isinstance(kwargs.get("body"), str):
            kwargs["body"] = [
                {"type": "paragraph", "value": f"<p>{kwargs['body']}</p>"}
            ]
        return OfferPageFactory(
            parent=self.index,
            title=title,
            live=False,
            first_published_at=None,
            last_published_at=None,
            **kwargs,
        )

    def publish(self, offer: OfferPage) -> OfferPage:
        """Publishes a revision, as the admin's Publish button does."""
        offer.save_revision().publish()
        offer.refresh_from_db()
        return offer


def build_world() -> World:
    home = make_site_root()
    world = World(index=OfferIndexPageFactory(parent=home))
    world.families = {
        "engineering": JobFamilyFactory(name="Engineering"),
        "sales": JobFamilyFactory(name="Sales"),
    }
    world.places = {
        "lyon": LocationFactory(city="Lyon"),
        "paris": LocationFactory(city="Paris"),
        "brussels": LocationFactory(
            city="Brussels", country="Belgium", country_code="BE"
        ),
    }
    return world
