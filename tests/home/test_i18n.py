"""The site in English and French: language-prefixed addresses, the switcher,
the alternates of the head and the sitemap, the lists per language."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import HomePage
from offers.demo_fr import FRENCH_ONLY_TITLE, OFFERS_FR
from offers.models import OfferIndexPage, OfferPage
from tests.demo_pages import DEMO_PAGES

pytestmark = pytest.mark.django_db

LANG = re.compile(r'<html lang="([^"]+)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', flags=re.DOTALL)
SWITCH_LINK = re.compile(r'<a href="([^"]+)" lang="([^"]+)"')


def demo_page(path: str) -> Page:
    """The English demo page at ``path`` (``/en/...``)."""
    home = HomePage.objects.get(locale__language_code="en")
    slugs = [part for part in path.split("/")[2:] if part]
    page: Page = home
    for slug in slugs:
        page = page.get_children().get(slug=slug)
    return page.specific


def french(page: Page) -> Page:
    return page.get_translation(Locale.objects.get(language_code="fr")).specific


def fetch(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def alternates(html: str) -> dict[str, str]:
    return dict(ALTERNATE.findall(html))


def switcher(html: str) -> dict[str, str]:
    (nav,) = SWITCHER.findall(html)
    return {code: url for url, code in SWITCH_LINK.findall(nav)}


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_every_demo_page_answers_in_both_languages(client, demo_site, path):
    english = demo_page(path)
    translated = french(english)
    urls = {"en": english.url, "fr": translated.url}
    assert urls["en"].startswith("/en/") and urls["fr"].startswith("/fr/")
    for code, url in urls.items():
        html = fetch(client, url)
        assert LANG.search(html).group(1) == code
        assert alternates(html) == {
            "en": f"http://testserver{urls['en']}",
            "fr": f"http://testserver{urls['fr']}",
            "x-default": f"http://testserver{urls['en']}",
        }
        other = "fr" if code == "en" else "en"
        assert switcher(html) == {other: urls[other]}


def test_french_pages_have_french_slugs_and_text(client, demo_site):
    index = OfferIndexPage.objects.get(locale__language_code="fr")
    assert index.url == "/fr/offres/"
    assert client.get("/fr/offers/").status_code == 404
    html = fetch(client, "/fr/faq/")
    assert "Questions fréquentes" in html
    assert 'href="/fr/me/parameters/"' in html  # links of the answers, in French
    cookies = fetch(client, french(demo_page("/en/cookies/")).url)
    assert "aucun cookie de langue" in cookies


def test_a_page_without_translation_switches_to_the_nearest_translated_page(
    client, demo_site
):
    english_only = OfferPage.objects.live().get(title="Account executive")
    assert "Account executive" not in OFFERS_FR
    html = fetch(client, english_only.url)
    assert switcher(html) == {"fr": "/fr/offres/"}
    # Not an alternate: the French list is not this page.
    assert set(alternates(html)) == {"en", "x-default"}
    assert client.get("/fr/offres/").status_code == 200


def test_the_french_only_offer_switches_to_the_english_list(client, demo_site):
    offer = OfferPage.objects.live().get(title=FRENCH_ONLY_TITLE)
    html = fetch(client, offer.url)
    assert LANG.search(html).group(1) == "fr"
    assert switcher(html) == {"en": "/en/offers/"}
    assert set(alternates(html)) == {"fr"}  # no English version, no x-default


def test_a_translated_offer_switches_to_its_translation(client, demo_site):
    english = OfferPage.objects.live().get(title="Backend developer (Python)")
    translated = french(english)
    assert translated.url == "/fr/offres/developpeur-backend-python/"
    assert switcher(fetch(client, english.url)) == {"fr": translated.url}
    html = fetch(client, translated.url)
    assert switcher(html) == {"en": english.url}
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    posting = json.loads(data)
    assert posting["inLanguage"] == "fr"
    assert posting["title"] == "Développeur backend (Python) H/F"
    assert posting["occupationalCategory"] == "Ingénierie"


def test_each_list_shows_its_own_language_offers(client, demo_site):
    english = fetch(client, "/en/offers/?family=human-resources&family=sales")
    french_list = fetch(client, "/fr/offres/?family=human-resources&family=sales")
    assert "Account executive" in english
    assert "Account executive" not in french_list
    assert FRENCH_ONLY_TITLE in french_list
    assert FRENCH_ONLY_TITLE not in english
    assert "Business developer H/F" in french_list
    assert "Sales development representative" not in french_list
    assert "Business developer" not in english


def test_french_filters_name_families_in_french_and_count_french_offers(
    client, demo_site
):
    html = fetch(client, "/fr/offres/?family=engineering")
    assert "Ingénierie (" in html
    open_fr = OfferPage.objects.open().filter(
        locale__language_code="fr", job_family__slug="engineering"
    )
    assert f"Ingénierie ({open_fr.count()})" in html
    assert open_fr.count() > 0
    assert "Backend developer (Python)" not in html
    assert "Développeur backend (Python) H/F" in html


def test_feed_per_language(client, demo_site):
    english = fetch(client, "/en/offers/feed/")
    french_feed = fetch(client, "/fr/offres/feed/")
    assert "<language>en</language>" in english
    assert "<language>fr</language>" in french_feed
    assert FRENCH_ONLY_TITLE in french_feed and FRENCH_ONLY_TITLE not in english
    assert "Account executive" in english and "Account executive" not in french_feed


def test_sitemap_lists_both_languages_with_alternates(client, demo_site):
    xml = fetch(client, "/sitemap.xml")
    assert "<loc>http://testserver/fr/offres/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="fr" '
        'href="http://testserver/fr/offres/"/>'
    ) in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/en/offers/"/>'
    ) in xml


@pytest.mark.parametrize(
    ("accept", "target"),
    [("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"), ("de-DE,de;q=0.9", "/en/"), (None, "/en/")],
)
def test_the_bare_address_follows_the_browser_language(
    client, home_page, accept, target
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target
    assert not response.cookies  # no language cookie


def test_views_switch_to_the_same_view_in_the_other_language(client, demo_site):
    with translation.override("en"):
        login = reverse("account_login")
    with translation.override("fr"):
        login_fr = reverse("account_login")
    assert login_fr == "/fr/account/login/"
    html = fetch(client, f"{login}?next=/en/me/")
    assert LANG.search(html).group(1) == "en"
    assert switcher(html) == {"fr": login_fr}
    assert set(alternates(fetch(client, login_fr))) == {"en", "fr", "x-default"}


def test_an_unknown_address_switches_to_the_other_home(client, demo_site):
    response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    assert switcher(response.content.decode()) == {"en": "/en/"}


def test_a_third_language_needs_configuration_only(client, demo_site, settings):
    """Every switcher and alternate reads settings.LANGUAGES."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]
    html = fetch(client, "/en/faq/")
    assert switcher(html) == {"fr": "/fr/faq/", "de": "/de/"}
    assert 'lang="de" hreflang="de" rel="nofollow">Deutsch</a>' in html


def test_the_french_home_carries_the_english_homes_blocks_in_french(client, demo_site):
    home_fr = french(demo_site)
    english_types = [block.block_type for block in demo_site.body]
    assert english_types  # the demo's home has sections
    assert [block.block_type for block in home_fr.body] == english_types
    html = fetch(client, home_fr.url)
    assert "Northwind en chiffres" in html
    assert "Northwind in figures" not in html
    assert "Avec qui travailleriez-vous\u00a0?" in html
    # The call to action leads to the French teams page, the offers block lists
    # French offers of the French family.
    (cta,) = [b.value for b in home_fr.body if b.block_type == "call_to_action"]
    assert cta["page"].locale.language_code == "fr"
    assert f'href="{cta["page"].url}"' in html
    (latest,) = [b.value for b in home_fr.body if b.block_type == "latest_offers"]
    assert latest["job_family"].locale.language_code == "fr"
    assert "Développeur backend (Python) H/F" in html


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "applications:speculative"]
)
def test_views_say_their_language(client, demo_site, name):
    for code in ("en", "fr"):
        with translation.override(code):
            url = reverse(name)
        response = client.get(url)
        if response.status_code == 302:  # a view for candidates: its log-in
            response = client.get(response["Location"])
        assert LANG.search(response.content.decode()).group(1) == code
