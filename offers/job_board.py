"""The feed of open offers that job boards crawl, in the XML format Indeed reads
(and Jooble, Talent.com, Adzuna and other aggregators with it): one ``<job>`` per
offer and place, every value in CDATA, the description as HTML.

Served at ``<offer index>/job-board-feed/`` and kept by the page cache like the
other public pages. Each offer's address carries ``utm_source=indeed``, or the
board named by ``?source=`` (``job-board-feed/?source=jooble``), so that HR sees
where candidates came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from home.models import PortalSettings

from .choices import ContractType, RemotePolicy, WorkingTime
from .models import Location, OfferIndexPage, OfferPage

DEFAULT_SOURCE = "indeed"
SOURCE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
# Characters XML 1.0 forbids anywhere, CDATA included.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Joins the paragraphs of every offer, so that their links are expanded at once;
# never in a text, since NOT_XML removes it first.
SEPARATOR = "\x00"
HEADING_LEVELS = {"h2", "h3", "h4"}

# Indeed's <jobtype> values: the working time, then what the contract adds.
WORKING_TIME_JOB_TYPES = {
    WorkingTime.FULL_TIME: "fulltime",
    WorkingTime.PART_TIME: "parttime",
}
CONTRACT_JOB_TYPES = {
    ContractType.FIXED_TERM: "temporary",
    ContractType.TEMPORARY: "temporary",
    ContractType.INTERNSHIP: "internship",
    ContractType.FREELANCE: "contract",
}
REMOTE_TYPES = {
    RemotePolicy.HYBRID: "Hybrid remote",
    RemotePolicy.FULL_REMOTE: "Fully remote",
}


def xml_text(value: object) -> str:
    """``value`` as text without the characters XML cannot hold."""
    return NOT_XML.sub("", str(value))


def iso(moment: datetime | None) -> str:
    """A moment as ISO 8601 in the site's time zone, to the second."""
    if moment is None:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def source_of(request: HttpRequest) -> str:
    """The job board named by ``?source=``, or Indeed."""
    source = request.GET.get("source", "").strip().lower()
    return source if SOURCE.match(source) else DEFAULT_SOURCE


@dataclass
class DescriptionPart:
    """A heading (``text`` at ``level``) or a paragraph (``html``, expanded)."""

    kind: str
    text: str = ""
    level: str = "h3"
    html: str = ""


@dataclass
class JobBoardJob:
    """One offer at one of its places (Indeed asks for a job per place)."""

    offer: OfferPage
    location: Location | None
    url: str
    description: list[DescriptionPart] = field(default_factory=list)

    @property
    def reference_number(self) -> str:
        """Unique per place and stable: the offer's reference, and the place's
        slug when it has places."""
        if self.location is None:
            return self.offer.reference
        return f"{self.offer.reference}-{self.location.slug}"

    @property
    def date(self) -> str:
        return iso(self.offer.first_published_at or self.offer.last_published_at)

    @property
    def expiration_date(self) -> str:
        closing = self.offer.closing_date
        return closing.isoformat() if closing else ""

    @property
    def country(self) -> str:
        if self.location is not None:
            return self.location.country_code
        codes = self.offer.remote_country_codes
        return codes[0] if codes else ""

    @property
    def job_type(self) -> str:
        """Indeed's job types, e.g. ``fulltime`` or ``parttime, internship``."""
        types = [WORKING_TIME_JOB_TYPES.get(self.offer.working_time, "fulltime")]
        extra = CONTRACT_JOB_TYPES.get(self.offer.contract_type)
        if extra:
            types.append(extra)
        return ", ".join(types)

    @property
    def remote_type(self) -> str:
        return REMOTE_TYPES.get(self.offer.remote_policy, "")


def open_offers(index: OfferIndexPage) -> list[OfferPage]:
    """The index's open offers, newest first, with their family and places: two
    queries whatever their number."""
    return list(
        OfferPage.objects.open()
        .child_of(index)
        .select_related("job_family")
        .prefetch_related("locations")
        .order_by("-first_published_at", "-pk")
    )


def descriptions(offers: list[OfferPage]) -> list[list[DescriptionPart]]:
    """Each offer's headings and paragraphs, read from the stored stream (no
    query for its images or buttons, which a job board does not show), with the
    links of every paragraph expanded in one pass (a query per kind of link)."""
    described: list[list[DescriptionPart]] = []
    paragraphs: list[DescriptionPart] = []
    sources: list[str] = []
    for offer in offers:
        parts = []
        for heading, html in (
            (_("Missions"), offer.missions),
            (_("Profile sought"), offer.profile),
        ):
            if html:
                parts.append(
                    DescriptionPart("heading", text=xml_text(str(heading)), level="h2")
                )
                part = DescriptionPart("paragraph")
                parts.append(part)
                paragraphs.append(part)
                sources.append(xml_text(html))
        for block in offer.body.raw_data:
            value = block.get("value")
            if block.get("type") == "heading" and isinstance(value, dict):
                level = value.get("level")
                parts.append(
                    DescriptionPart(
                        "heading",
                        text=xml_text(value.get("text") or ""),
                        level=level if level in HEADING_LEVELS else "h3",
                    )
                )
            elif block.get("type") == "paragraph" and isinstance(value, str):
                part = DescriptionPart("paragraph")
                parts.append(part)
                paragraphs.append(part)
                sources.append(xml_text(value))
        described.append(parts)
    if sources:
        expanded = expand_db_html(SEPARATOR.join(sources)).split(SEPARATOR)
        for part, html in zip(paragraphs, expanded, strict=True):
            part.html = html
    return described


def job_board_jobs(
    offers: list[OfferPage], request: HttpRequest, source: str
) -> list[JobBoardJob]:
    tag = urlencode({"utm_source": source})
    jobs = []
    for offer, description in zip(offers, descriptions(offers), strict=True):
        url = f"{offer.get_full_url(request)}?{tag}"
        places: list[Location | None] = list(offer.locations.all()) or [None]
        jobs += [JobBoardJob(offer, place, url, description) for place in places]
    return jobs


def job_board_feed(index: OfferIndexPage, request: HttpRequest) -> HttpResponse:
    """The feed of the open offers under ``index``."""
    portal_settings = PortalSettings.for_request(request)
    _site_id, root_url, _path = index.get_url_parts(request)
    offers = open_offers(index)
    latest = max(
        (offer.last_published_at for offer in offers if offer.last_published_at),
        default=index.last_published_at or timezone.now(),
    )
    context = {
        "publisher": portal_settings.organisation_name,
        "publisher_url": portal_settings.organisation_url or f"{root_url}/",
        "last_build_date": iso(latest),
        "jobs": job_board_jobs(offers, request, source_of(request)),
    }
    return render(
        request,
        "offers/job_board_feed.xml",
        context,
        content_type="application/xml; charset=utf-8",
    )
