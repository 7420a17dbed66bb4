"""The footer links: live pages in the order HR chose, under their label or title,
always as the pages are now (nothing kept from one request to the next)."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Site

from home.factories import ContentPageFactory, make_site_root
from home.models import PortalSettings

pytestmark = pytest.mark.django_db


def footer_links(client) -> list[tuple[str, str]]:
    html = client.get("/").content.decode()
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
        ("/contact/", "Contact us"),
        ("/legal/", "Legal"),
        ("/cookies/", "Cookies"),
    ]


def test_links_follow_the_pages(client, pages):
    footer_links(client)  # a first request: nothing of it may stay
    pages["Cookies"].unpublish()
    contact = pages["Contact us"]
    contact.title = "Write to us"
    contact.slug = "write"
    contact.save_revision().publish()
    pages["Legal notice"].delete()
    assert footer_links(client) == [("/write/", "Write to us")]


def test_links_follow_the_settings(client, pages):
    footer_links(client)
    portal_settings = PortalSettings.for_site(Site.objects.get())
    portal_settings.footer_links = [
        {"type": "link", "value": {"page": pages["Cookies"].pk, "label": "Biscuits"}}
    ]
    portal_settings.save()
    assert footer_links(client) == [("/cookies/", "Biscuits")]


def test_no_links_no_footer_nav(client, home_page):
    html = client.get("/").content.decode()
    assert 'aria-label="Footer"' not in html
