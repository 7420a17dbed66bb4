"""Where candidates come from: the ``utm_source`` of the offer's address, or the
host of the page that linked to it, carried to the apply link by a small script
on the offer page (offer pages come from the page cache, so the server never sees
that visit), then named by one of the sources HR counts."""

from __future__ import annotations

import re

from django.http import HttpRequest

from .choices import Source

# The query parameter of the apply link that carries it.
SOURCE_PARAMETER = "source"
# The session key, per offer, that keeps it from the form's first display to
# the draft saved or sent.
SESSION_KEY = "application-source-%s"
_HOSTS = [
    (re.compile(r"(^|\.)(linkedin\.com|lnkd\.in)$"), Source.LINKEDIN),
    (re.compile(r"(^|\.)indeed\.[a-z.]+$"), Source.INDEED),
]
_TAGS = {
    "linkedin": Source.LINKEDIN,
    "indeed": Source.INDEED,
    "alert": Source.EMAIL_ALERT,
    "email-alert": Source.EMAIL_ALERT,
    "job-alert": Source.EMAIL_ALERT,
    "careers": Source.CAREERS_SITE,
}


def normalise_source(value: str, site_host: str = "") -> str:
    """One of ``Source`` for a ``utm_source`` tag or a referrer's host; "" when
    there is nothing to say."""
    value = (value or "").strip().lower()[:200]
    if not value:
        return ""
    if value in _TAGS:
        return _TAGS[value]
    host = value.split(":")[0]
    if site_host and host == site_host.split(":")[0].lower():
        return Source.CAREERS_SITE
    for pattern, source in _HOSTS:
        if pattern.search(host):
            return source
    return Source.OTHER


def remember_source(request: HttpRequest, offer_id: int | None) -> None:
    """Keeps the source the apply link carries, for this offer, in the session."""
    raw = request.GET.get(SOURCE_PARAMETER, "")
    if offer_id is None or not raw:
        return
    source = normalise_source(raw, request.get_host())
    if source:
        request.session[SESSION_KEY % offer_id] = source


def remembered_source(request: HttpRequest, offer_id: int | None) -> str:
    if offer_id is None:
        return ""
    value = request.session.get(SESSION_KEY % offer_id, "")
    return value if value in Source.values else ""
