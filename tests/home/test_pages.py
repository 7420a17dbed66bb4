"""Every page type renders, and can be created only where it belongs."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import (
    ConfidentialityPage,
    ContactPage,
    ContentPage,
    CookiesPage,
    DataProtectionPage,
    FaqPage,
    HomePage,
)
from offers.models import LocationIndexPage, OfferIndexPage, OfferPage, TeamIndexPage
from tests.demo_pages import DEMO_PAGES

CONTENT_TYPES = [ContentPage, ConfidentialityPage, CookiesPage, DataProtectionPage]


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_goes_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                *CONTENT_TYPES,
                FaqPage,
                ContactPage,
                OfferIndexPage,
                TeamIndexPage,
                LocationIndexPage,
            },
        )

    def test_content_pages_are_leaves_under_home(self):
        for page_type in [*CONTENT_TYPES, FaqPage, ContactPage]:
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertAllowedSubpageTypes(page_type, set())

    def test_offers_live_under_their_index(self):
        self.assertAllowedParentPageTypes(OfferIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OfferIndexPage, {OfferPage})
        self.assertAllowedParentPageTypes(OfferPage, {OfferIndexPage})

    def test_an_offer_cannot_go_under_home(self):
        self.assertCanNotCreateAt(HomePage, OfferPage)
        self.assertCanNotCreateAt(FaqPage, ContentPage)


@pytest.mark.django_db
def test_singletons_allow_one_page_each(demo_site):
    for page_type in [
        HomePage,
        ConfidentialityPage,
        CookiesPage,
        DataProtectionPage,
        FaqPage,
        ContactPage,
        OfferIndexPage,
    ]:
        assert page_type.max_count == 1
        assert not page_type.can_create_at(demo_site), page_type
    assert ContentPage.can_create_at(demo_site)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    DEMO_PAGES,
)
def test_every_demo_page_renders(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<main" in html
    assert 'class="profile-link"' in html


class DemoPagesRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_data", stdout=io.StringIO())

    def test_every_page_is_renderable(self):
        pages = Page.objects.live().specific().filter(depth__gte=2)
        self.assertGreaterEqual(len(pages), 9)
        for page in pages:
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_cookies_page_lists_cookies_and_browsers(client, demo_site):
    html = client.get("/en/cookies/").content.decode()
    # Production's __Host- name, then the plain one (see tests/home/test_cookies.py).
    assert "<code>__Host-sessionid, sessionid</code>" in html
    assert "<code>__Host-csrftoken, csrftoken</code>" in html
    assert "Supported browsers" in html
    assert "Firefox" in html


@pytest.mark.django_db
def test_footer_links_every_legal_page(client, demo_site):
    html = client.get("/en/").content.decode()
    footer = html[html.index("<footer") :]
    for path in [
        "/en/faq/",
        "/en/confidentiality/",
        "/en/cookies/",
        "/en/data-protection/",
        "/en/contact/",
    ]:
        assert f'href="{path}"' in footer


@pytest.mark.django_db
def test_profile_pictogram_leads_to_login_then_to_the_candidate_space(
    client, demo_site, django_user_model
):
    html = client.get("/en/faq/").content.decode()
    assert 'href="/en/account/login/?next=/en/faq/"' in html
    assert "My profile" in html

    user = django_user_model.objects.get(username="candidate")
    client.force_login(user)
    html = client.get("/en/faq/").content.decode()
    assert 'class="profile-link" href="/en/me/"' in html


@pytest.mark.django_db
def test_home_page_shows_latest_open_offers(client, demo_site):
    closed = OfferPage.objects.get(slug="data-analyst")
    closed.closing_date = closed.closing_date.replace(year=2000)
    closed.save()
    html = client.get("/en/").content.decode()
    assert "Latest offers" in html
    assert 'action="/en/offers/"' in html
    assert "Data analyst" not in html
    assert "Backend developer (Python)" in html


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client, demo_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_robots_sitemap_and_health(client, demo_site):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/faq/</loc>" in sitemap
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
    }
