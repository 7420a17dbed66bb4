"""The company's look from the site settings: colours refused when text on them
would fail WCAG AA, the brand stylesheet the pages read, logo, favicon and social
links."""

from __future__ import annotations

import re

import pytest
import wagtail_factories
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from home.brand import WHITE, contrast_ratio
from home.models import PortalSettings


@pytest.fixture
def portal_settings(home_page):
    return PortalSettings.for_site(home_page.get_site())


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", WHITE) == pytest.approx(21)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1)
    # The grey of WCAG's examples, just under AA on white.
    assert contrast_ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    ("field", "colour", "message"),
    [
        (
            "primary_colour",
            "#7aa7d6",
            "Contrast 2.5:1 with white text; at least 4.5:1 is needed.",
        ),
        # Rounded down: 4.48 never reads as the 4.5 it misses.
        (
            "primary_colour",
            "#777777",
            "Contrast 4.4:1 with white text; at least 4.5:1 is needed.",
        ),
        # Fine on white, too pale for links on the grey panels.
        (
            "primary_colour",
            "#737373",
            "Contrast 4.3:1 for links on the pale panels; at least 4.5:1 is needed.",
        ),
        (
            "accent_colour",
            "#4a7fb5",
            "Contrast 4.2:1 with white text; at least 4.5:1 is needed.",
        ),
    ],
)
def test_a_colour_text_cannot_be_read_on_is_refused(
    portal_settings, field, colour, message
):
    setattr(portal_settings, field, colour)
    with pytest.raises(ValidationError) as error:
        portal_settings.full_clean()
    assert error.value.message_dict == {field: [message]}


def test_readable_colours_are_accepted(portal_settings):
    portal_settings.primary_colour = "#1D3557"
    portal_settings.accent_colour = "#f2b134"  # with the body text colour
    portal_settings.full_clean()
    assert portal_settings.primary_colour == "#1d3557"


def test_the_settings_form_shows_the_ratio(client, admin_user, portal_settings):
    client.force_login(admin_user)
    url = reverse(
        "wagtailsettings:edit",
        args=["home", "portalsettings", portal_settings.site_id],
    )
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "organisation_name": "Northwind",
            "primary_colour": "#7aa7d6",
            "accent_colour": "#f2b134",
            "footer_links-count": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contrast 2.5:1 with white text; at least 4.5:1 is needed." in html
    portal_settings.refresh_from_db()
    assert portal_settings.primary_colour == "#0b4f8a"  # nothing saved


def brand_stylesheet_url(html: str) -> str:
    match = re.search(r'<link rel="stylesheet" href="(/[^"]*brand\.css\?v=\w+)"', html)
    assert match, "no brand stylesheet in the page"
    return match.group(1)


@override_settings(PAGE_CACHE_ENABLED=True)
def test_pages_read_the_colours_of_the_settings(client, portal_settings):
    caches["pages"].clear()
    html = client.get(portal_settings.site.root_page.url).content.decode()
    assert client.get(portal_settings.site.root_page.url)["X-Page-Cache"] == "hit"
    before = brand_stylesheet_url(html)
    assert before.startswith(reverse("brand_stylesheet"))
    assert "--colour-primary: #0b4f8a;" in client.get(before).content.decode()

    portal_settings.primary_colour = "#1d3557"
    portal_settings.accent_colour = "#2e6da4"
    portal_settings.save()

    # Saving the settings outdates the cached pages: the new address comes at once.
    html = client.get(portal_settings.site.root_page.url).content.decode()
    after = brand_stylesheet_url(html)
    assert after != before
    response = client.get(after)
    css = response.content.decode()
    assert response["Content-Type"].startswith("text/css")
    assert "--colour-primary: #1d3557;" in css
    assert "--colour-accent: #2e6da4;" in css
    assert "--colour-accent-text: #ffffff;" in css  # white reads better on it
    # Kept by browsers until the colours change: its address changes with them;
    # the page cache keeps it too, with that lifetime.
    again = client.get(after)
    for answer in (response, again):
        assert "immutable" in answer["Cache-Control"]
        assert "max-age=31536000" in answer["Cache-Control"]
    assert again["X-Page-Cache"] == "hit"
    assert "immutable" not in client.get(before)["Cache-Control"]


def test_header_logo_favicon_and_social_links(client, portal_settings):
    home_url = portal_settings.site.root_page.url
    html = client.get(home_url).content.decode()
    assert "/static/img/logo.svg" in html  # the site's own until one is set
    assert "Follow us" not in html

    portal_settings.logo = wagtail_factories.ImageFactory(title="Logo")
    portal_settings.favicon = wagtail_factories.ImageFactory(
        title="Icon", width=256, height=256
    )
    portal_settings.linkedin_url = "https://www.linkedin.com/company/northwind"
    portal_settings.glassdoor_url = "https://www.glassdoor.com/northwind"
    portal_settings.save()

    html = client.get(home_url).content.decode()
    header = html[html.index('<header class="site-header"') : html.index("</header>")]
    assert 'class="site-header__logo-image"' in header
    assert "/static/img/logo.svg" not in html
    assert re.search(r'<link rel="icon" href="[^"]+\.png" type="image/png"', html)
    assert re.search(r'<link rel="apple-touch-icon" href="[^"]+\.png"', html)
    footer = html[html.index('<footer class="site-footer"') :]
    assert "Follow us" in footer
    assert (
        '<a href="https://www.linkedin.com/company/northwind" rel="me">LinkedIn</a>'
        in footer
    )
    assert ">Glassdoor</a>" in footer
    assert ">Instagram</a>" not in footer
