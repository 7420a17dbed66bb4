"""The RSS feed of open offers (filtered like the listing) and the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from offers.models import OfferIndexPage, OfferPage, OfferSearchDocument

from .catalogue import CLOSED_TITLES, OPEN_TITLES, build_catalogue


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own output


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def items(self, query: str = "") -> list[ET.Element]:
        response = self.client.get(f"/en/offers/feed/{query}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        return parse_xml(response.content).findall("./channel/item")

    def test_open_offers_newest_first(self):
        items = self.items()
        self.assertEqual([item.findtext("title") for item in items], OPEN_TITLES)
        for title in CLOSED_TITLES:
            self.assertNotIn(title, [item.findtext("title") for item in items])

    def test_item_content(self):
        item = self.items("?q=python")[0]
        self.assertEqual(item.findtext("title"), "Python developer")
        self.assertEqual(
            item.findtext("link"), "http://testserver/en/offers/python-developer/"
        )
        self.assertEqual(item.findtext("guid"), item.findtext("link"))
        self.assertTrue(item.findtext("pubDate"))
        self.assertIn("Lyon, France", item.findtext("description"))
        self.assertEqual(
            [category.text for category in item.findall("category")],
            ["Engineering", "Permanent"],
        )

    def test_same_filters_as_the_listing(self):
        titles = [
            i.findtext("title") for i in self.items("?family=sales&location=lyon")
        ]
        self.assertEqual(titles, ["Key account manager"])
        titles = [
            i.findtext("title") for i in self.items("?q=developer&remote=on_site")
        ]
        self.assertEqual(titles, ["Frontend developer"])
        channel_link = parse_xml(
            self.client.get("/en/offers/feed/?family=sales").content
        ).findtext("./channel/link")
        self.assertEqual(channel_link, "http://testserver/en/offers/?family=sales")

    def test_junk_parameters(self):
        for query in ("?q=" + "x" * 5000, "?family=nope&page=abc", "?q=%00"):
            with self.subTest(query=query):
                self.items(query)

    def test_query_count_does_not_grow(self):
        # Warm the per-process caches (site root paths).
        self.client.get("/en/offers/feed/?q=developer&family=engineering")
        # On PostgreSQL the words are a subquery of the offers' query.
        expected = FEED_QUERIES - 1 if OfferSearchDocument.in_use() else FEED_QUERIES
        with self.assertNumQueries(expected):
            self.client.get("/en/offers/feed/?q=developer&family=engineering")
        for number in range(10):
            self.catalogue.add(f"More developer {number}")
        with self.assertNumQueries(expected):
            self.client.get("/en/offers/feed/?q=developer&family=engineering")


# Wagtail's routing (the site, the locale of the address's language, the home
# and index pages, the path's aliases and view restrictions), the portal
# settings, families, locations, the ids the search finds, the newest of those
# offers, their places.
FEED_QUERIES = 13


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()

    def entries(self) -> dict[str, str]:
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = parse_xml(response.content)
        return {
            url.findtext("s:loc", namespaces=namespace): url.findtext(
                "s:lastmod", namespaces=namespace
            )
            for url in root.findall("s:url", namespace)
        }

    def test_open_offers_only_with_their_last_publication(self):
        entries = self.entries()
        for title in OPEN_TITLES:
            offer = OfferPage.objects.get(title=title)
            self.assertEqual(
                entries[offer.full_url], offer.last_published_at.date().isoformat()
            )
        for title in CLOSED_TITLES:
            offer = OfferPage.objects.get(title=title)
            self.assertNotIn(offer.full_url, entries)

    def test_listing_is_as_recent_as_its_newest_offer(self):
        index = OfferIndexPage.objects.get(locale__language_code="en")
        OfferIndexPage.objects.filter(pk=index.pk).update(
            last_published_at=timezone.now() - timedelta(days=300)
        )
        offer = OfferPage.objects.get(title="Sales assistant")
        offer.last_published_at = timezone.now() + timedelta(days=1)
        offer.save()
        entries = self.entries()
        self.assertEqual(
            entries[index.full_url], offer.last_published_at.date().isoformat()
        )
