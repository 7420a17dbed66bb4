"""The footer links: live pages in the order HR chose, under their label or title,
as the pages are now: kept in the cache between requests, forgotten as soon as
the settings or a page change, and after a minute in any case."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from wagtail.models import Site

from home.factories import ContentPageFactory, make_site_root
from home.models import PortalSettings

pytestmark = pytest.mark.django_db


def footer_links(client) -> list[tuple[str, str]]:
    html = client.get("/en/").content.decode()
    footer = html[html.index("<footer") :]
    return re.findall(r'<li><a href="([^"]+)">([^<]*)</a></li>', footer)


@pytest.fixture
def pages():
    home = make_site_root()
    pages = {
        title: ContentPageFactory(parent=home, title=title, slug=slug)
        for title, slug in [
            ("Legal notice", "legal"),
            ("Cookies", "cookies"),
            ("Contact us", "contact"),
        ]
    }
    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.footer_links = [
        {"type": "link", "value": {"page": pages["Contact us"].pk, "label": ""}},
        {"type": "link", "value": {"page": pages["Legal notice"].pk, "label": "Legal"}},
        {"type": "link", "value": {"page": pages["Cookies"].pk, "label": ""}},
    ]
    portal_settings.save()
    return pages


def test_links_in_order_with_label_or_title(client, pages):
    assert footer_links(client) == [
        ("/en/contact/", "Contact us"),
        ("/en/legal/", "Legal"),
        ("/en/cookies/", "Cookies"),
    ]


def test_links_follow_the_pages(client, pages):
    footer_links(client)  # a first request: nothing of it may stay
    pages["Cookies"].unpublish()
    contact = pages["Contact us"]
    contact.title = "Write to us"
    contact.slug = "write"
    contact.save_revision().publish()
    pages["Legal notice"].delete()
    assert footer_links(client) == [("/en/write/", "Write to us")]


def test_links_follow_the_settings(client, pages):
    footer_links(client)
    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.footer_links = [
        {"type": "link", "value": {"page": pages["Cookies"].pk, "label": "Biscuits"}}
    ]
    portal_settings.save()
    assert footer_links(client) == [("/en/cookies/", "Biscuits")]


def test_links_follow_a_moved_page(client, pages):
    footer_links(client)
    elsewhere = ContentPageFactory(parent=pages["Legal notice"].get_parent())
    pages["Cookies"].move(elsewhere, pos="last-child")
    assert (f"/en/{elsewhere.slug}/cookies/", "Cookies") in footer_links(client)


def test_organisation_name_follows_the_settings(client, pages):
    client.get("/en/")
    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.organisation_name = "Renamed & Co"
    portal_settings.save()
    assert f"© {timezone.now().year} Renamed &amp; Co" in (
        client.get("/en/").content.decode()
    )


def test_no_links_no_footer_nav(client, home_page):
    html = client.get("/en/").content.decode()
    assert 'aria-label="Footer"' not in html
