"""Offers worth reading: published only with their missions and profile, started
from an offer template, shared with Open Graph tags and plain links."""

from __future__ import annotations

import re
from html import unescape

import wagtail_factories
from django.test import TestCase
from django.urls import reverse

from candidates.factories import UserFactory
from home.factories import ContentPageFactory
from home.groups import HR_RECRUITERS
from home.models import PortalSettings
from offers.factories import OfferTemplateFactory
from offers.models import OfferPage

from .catalogue import build_catalogue
from .test_permissions import draftail, offer_form

PUBLISH = {"action-publish": "action-publish"}


class PublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        cls.recruiter = UserFactory(username="hugo", groups=[HR_RECRUITERS])
        cls.index = cls.catalogue.index
        cls.family = cls.catalogue.families["engineering"]
        cls.lyon = cls.catalogue.places["lyon"]

    def setUp(self):
        self.client.force_login(self.recruiter)
        self.add_url = reverse(
            "wagtailadmin_pages:add", args=["offers", "offerpage", self.index.pk]
        )

    def post_new_offer(self, **fields):
        return self.client.post(
            self.add_url, offer_form(self.family.pk, self.lyon.pk, **fields)
        )

    def test_publishing_without_missions_nor_profile_is_refused(self):
        response = self.post_new_offer(
            missions=draftail(""), profile=draftail(""), **PUBLISH
        )
        self.assertEqual(response.status_code, 200)
        html = unescape(response.content.decode())
        self.assertIn("Write the missions before publishing", html)
        self.assertIn("Describe the profile sought before publishing", html)
        self.assertFalse(OfferPage.objects.filter(slug="welder").exists())

    def test_publishing_without_the_profile_is_refused(self):
        response = self.post_new_offer(profile=draftail(""), **PUBLISH)
        self.assertEqual(response.status_code, 200)
        html = unescape(response.content.decode())
        self.assertIn("Describe the profile sought before publishing", html)
        self.assertNotIn("Write the missions before publishing", html)
        self.assertFalse(OfferPage.objects.filter(slug="welder").exists())

    def test_an_incomplete_draft_is_saved(self):
        response = self.post_new_offer(missions=draftail(""), profile=draftail(""))
        self.assertEqual(response.status_code, 302)
        offer = OfferPage.objects.get(slug="welder")
        self.assertFalse(offer.live)
        self.assertEqual(offer.missions, "")

    def test_a_complete_offer_is_published(self):
        response = self.post_new_offer(**PUBLISH)
        self.assertEqual(response.status_code, 302)
        offer = OfferPage.objects.get(slug="welder")
        self.assertTrue(offer.live)
        self.assertIn("Weld the frames", offer.missions)

    def test_emptying_the_missions_of_a_live_offer_is_refused(self):
        offer = self.catalogue.offers["Python developer"]
        edit_url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
        data = offer_form(
            self.family.pk,
            self.lyon.pk,
            title=offer.title,
            slug=offer.slug,
            reference=offer.reference,
            missions=draftail(""),
            **PUBLISH,
        )
        response = self.client.post(edit_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Write the missions before publishing", unescape(response.content.decode())
        )
        offer.refresh_from_db()
        self.assertIn("As a python developer", offer.missions)

    def test_a_new_offer_from_a_template_gets_its_sections(self):
        template = OfferTemplateFactory(
            name="Engineering",
            missions="<p>Build: our routing engine.</p>",
            profile="<ul><li>Python</li></ul>",
        )
        response = self.post_new_offer(
            offer_template=template.pk, missions=draftail(""), profile=draftail("")
        )
        self.assertEqual(response.status_code, 302)
        offer = OfferPage.objects.get(slug="welder")
        self.assertEqual(offer.missions, "<p>Build: our routing engine.</p>")
        self.assertEqual(offer.profile, "<ul><li>Python</li></ul>")
        self.assertEqual(
            [block.block_type for block in offer.body],
            [block.block_type for block in template.body],
        )
        self.assertEqual(offer.body.raw_data[0]["value"]["text"], "What we offer")
        # It is ready to publish as it is.
        edit_url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
        response = self.client.get(edit_url)
        self.assertEqual(response.status_code, 200)

    def test_a_template_leaves_what_the_recruiter_wrote(self):
        template = OfferTemplateFactory(missions="<p>Template missions.</p>")
        response = self.post_new_offer(offer_template=template.pk)
        self.assertEqual(response.status_code, 302)
        offer = OfferPage.objects.get(slug="welder")
        self.assertIn("Weld the frames", offer.missions)
        self.assertNotIn("Template missions", offer.missions)


class SharingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.catalogue = build_catalogue()
        cls.portal_settings = PortalSettings.for_site(cls.catalogue.home.get_site())
        cls.portal_settings.organisation_name = "Northwind"
        cls.portal_settings.social_image = wagtail_factories.ImageFactory(
            title="Our office", file__width=2400, file__height=1260
        )
        cls.portal_settings.save()
        cls.content_page = ContentPageFactory(
            parent=cls.catalogue.home,
            title="Life at Northwind",
            slug="life",
            search_description="How we work together.",
        )

    def meta(self, html: str) -> dict[str, str]:
        return {
            key: unescape(value)
            for key, value in re.findall(
                r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"',
                html,
            )
        }

    def test_offer_tags_with_the_default_image(self):
        offer = self.catalogue.offers["Python developer"]
        html = self.client.get(offer.url).content.decode()
        tags = self.meta(html)
        self.assertEqual(tags["og:title"], "Python developer")
        self.assertEqual(tags["og:type"], "article")
        self.assertEqual(tags["og:url"], offer.full_url)
        self.assertTrue(tags["og:url"].startswith("http"))
        # No summary written: the offer's facts.
        self.assertEqual(
            tags["og:description"], "Permanent · Full time · Lyon · Engineering"
        )
        self.assertRegex(tags["og:image"], r"^https?://[^/]+/.+\.jpg$")
        self.assertEqual(tags["og:image:width"], "1200")
        self.assertEqual(tags["og:image:height"], "630")
        self.assertEqual(tags["twitter:card"], "summary_large_image")
        self.assertEqual(tags["twitter:title"], "Python developer")

    def test_content_page_tags_and_its_own_image(self):
        html = self.client.get(self.content_page.url).content.decode()
        tags = self.meta(html)
        self.assertEqual(tags["og:title"], "Life at Northwind")
        self.assertEqual(tags["og:type"], "website")
        self.assertEqual(tags["og:description"], "How we work together.")
        self.assertEqual(tags["og:url"], self.content_page.full_url)
        default_image = tags["og:image"]

        own_image = wagtail_factories.ImageFactory(
            title="Team lunch", file__width=1600, file__height=900
        )
        self.content_page.social_image = own_image
        self.content_page.save_revision().publish()
        tags = self.meta(self.client.get(self.content_page.url).content.decode())
        self.assertNotEqual(tags["og:image"], default_image)
        rendition = own_image.get_rendition("fill-1200x630-c100|format-jpeg")
        self.assertTrue(tags["og:image"].endswith(rendition.url))

    def test_without_any_image_a_small_card(self):
        self.portal_settings.social_image = None
        self.portal_settings.save()
        tags = self.meta(self.client.get(self.content_page.url).content.decode())
        self.assertNotIn("og:image", tags)
        self.assertEqual(tags["twitter:card"], "summary")

    def test_share_links_and_no_third_party_script(self):
        offer = self.catalogue.offers["Python developer"]
        html = self.client.get(offer.url).content.decode()
        share = html[html.index('class="offer-share"') :]
        share = share[: share.index("</section>")]
        links = re.findall(r'<a href="([^"]+)"', share)
        self.assertEqual(
            [link.split("?")[0] for link in links],
            [
                "https://www.linkedin.com/sharing/share-offsite/",
                "https://x.com/intent/post",
                "https://wa.me/",
                "mailto:",
            ],
        )
        self.assertTrue(all("python-developer" in unescape(link) for link in links))
        self.assertIn("data-copy-link", share)
        self.assertIn(
            'id="offer-link" type="url" readonly',
            share.replace(f' value="{offer.full_url}"', ""),
        )
        # Every script is the site's own; nothing loads from another host (the
        # language alternates are this site's full addresses, and load nothing).
        sources = re.findall(
            r'<(?:script|img|iframe|link)(?![^>]*rel="alternate")[^>]+'
            r'(?:src|href)="([^"]+)"',
            html,
        )
        for source in sources:
            self.assertTrue(source.startswith("/"), source)
        self.assertIn('<link rel="alternate" hreflang="en"', html)

    def test_an_offer_without_description_has_one_apply(self):
        offer = self.catalogue.offers["Python developer"]
        OfferPage.objects.filter(pk=offer.pk).update(missions="", profile="", body=[])
        html = self.client.get(offer.url).content.decode()
        applies = re.findall(r'class="offer__apply[^"]*">\s*<a class="button"', html)
        self.assertEqual(len(applies), 1)
        self.assertNotIn('id="offer-missions"', html)
