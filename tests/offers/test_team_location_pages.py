"""Team and location pages: where they go, what they show, the open offers
they list, and the links that lead to them from the offers and the listing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from home.factories import make_site_root
from home.models import ContentPage, HomePage
from offers.factories import (
    JobFamilyFactory,
    LocationFactory,
    LocationIndexPageFactory,
    LocationPageFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
    TeamIndexPageFactory,
    TeamPageFactory,
)
from offers.models import (
    LocationIndexPage,
    LocationPage,
    OfferIndexPage,
    OfferPage,
    TeamIndexPage,
    TeamPage,
)

# Wagtail's routing (9, with the locale of the address's language), the portal
# settings, the language links (the keys of the pages above, then the page's
# translations, the offer index's and the footer's in one query), the page's
# family or place, the offer index (the "search these offers" link), the open
# offers in the page's language and their places.
TEAM_PAGE_QUERIES = 16
LOCATION_PAGE_QUERIES = 16


class PlaceInTheTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_root()
        cls.teams = TeamIndexPageFactory(parent=cls.home)
        cls.places = LocationIndexPageFactory(parent=cls.home)

    def test_indexes_go_under_home_once(self):
        self.assertCanCreateAt(HomePage, TeamIndexPage)
        self.assertCanCreateAt(HomePage, LocationIndexPage)
        self.assertAllowedSubpageTypes(TeamIndexPage, {TeamPage})
        self.assertAllowedSubpageTypes(LocationIndexPage, {LocationPage})
        self.assertEqual(TeamIndexPage.max_count, 1)
        self.assertEqual(LocationIndexPage.max_count, 1)

    def test_team_and_location_pages_only_under_their_index(self):
        self.assertAllowedParentPageTypes(TeamPage, {TeamIndexPage})
        self.assertAllowedParentPageTypes(LocationPage, {LocationIndexPage})
        self.assertCanNotCreateAt(HomePage, TeamPage)
        self.assertCanNotCreateAt(OfferIndexPage, LocationPage)
        self.assertCanNotCreateAt(TeamIndexPage, ContentPage)
        self.assertAllowedSubpageTypes(TeamPage, set())
        self.assertAllowedSubpageTypes(LocationPage, set())

    def test_pages_render(self):
        team = TeamPageFactory(parent=self.teams, title="Engineering")
        place = LocationPageFactory(parent=self.places, title="Lyon")
        for page in (self.teams, self.places, team, place):
            self.assertPageIsRenderable(page)

    def test_every_field_has_help_text_and_every_type_a_description(self):
        for model in (TeamIndexPage, TeamPage, LocationIndexPage, LocationPage):
            self.assertTrue(model.page_description, model)
            for field in model._meta.local_fields:
                if (
                    field.editable
                    and not field.auto_created
                    and field.name != "page_ptr"
                ):
                    self.assertTrue(field.help_text, f"{model.__name__}.{field.name}")


@pytest.fixture
def catalogue(home_page):
    """Offers of two families in two places, one of them closed each way."""
    index = OfferIndexPageFactory(parent=home_page)
    data, sales = JobFamilyFactory(name="Data"), JobFamilyFactory(name="Sales")
    lyon, paris = LocationFactory(city="Lyon"), LocationFactory(city="Paris")
    yesterday = timezone.localdate() - timedelta(days=1)
    OfferPageFactory(
        parent=index, title="Analyst, Lyon", job_family=data, locations=[lyon]
    )
    OfferPageFactory(
        parent=index, title="Engineer, Paris", job_family=data, locations=[paris]
    )
    OfferPageFactory(
        parent=index, title="Seller, Lyon", job_family=sales, locations=[lyon]
    )
    OfferPageFactory(
        parent=index,
        title="Filled analyst",
        job_family=data,
        locations=[lyon],
        filled=True,
    )
    OfferPageFactory(
        parent=index,
        title="Expired analyst",
        job_family=data,
        locations=[lyon],
        closing_date=yesterday,
    )
    draft = OfferPageFactory(
        parent=index, title="Draft analyst", job_family=data, locations=[lyon]
    )
    draft.unpublish()
    teams = TeamIndexPageFactory(parent=home_page)
    places = LocationIndexPageFactory(parent=home_page)
    return {
        "index": index,
        "team": TeamPageFactory(
            parent=teams, title="Data team", slug="data", job_family=data
        ),
        "place": LocationPageFactory(
            parent=places, title="Lyon office", slug="lyon", location=lyon
        ),
        "families": {"data": data, "sales": sales},
        "places": {"lyon": lyon, "paris": paris},
    }


def titles(html: str) -> set[str]:
    return {
        title
        for title in (
            "Analyst, Lyon",
            "Engineer, Paris",
            "Seller, Lyon",
            "Filled analyst",
            "Expired analyst",
            "Draft analyst",
        )
        if title in html
    }


@pytest.mark.django_db
def test_a_team_page_lists_the_open_offers_of_its_family(client, catalogue):
    response = client.get(catalogue["team"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(html) == {"Analyst, Lyon", "Engineer, Paris"}
    assert "Open offers in Data" in html
    assert f'href="{catalogue["index"].url}?family=data"' in html


@pytest.mark.django_db
def test_a_location_page_lists_the_open_offers_in_its_place(client, catalogue):
    response = client.get(catalogue["place"].url)
    html = response.content.decode()
    assert titles(html) == {"Analyst, Lyon", "Seller, Lyon"}
    assert "1 Harbour Street" in html and "<address" in html
    assert f'href="{catalogue["index"].url}?location=lyon"' in html


@pytest.mark.django_db
def test_a_team_page_shows_the_newest_offers_and_leads_to_the_others(client, catalogue):
    """Whatever the number of offers, the page shows the newest few; the
    listing, filtered the same way, has them all."""
    shown = TeamPage.offers_shown
    data, paris = catalogue["families"]["data"], catalogue["places"]["paris"]
    start = timezone.now() - timedelta(days=30)
    for number in range(shown):
        offer = OfferPageFactory(
            parent=catalogue["index"],
            title=f"Scientist {number}",
            job_family=data,
            locations=[paris],
        )
        # Newer than the catalogue's two, in order of their numbers.
        OfferPage.objects.filter(pk=offer.pk).update(
            first_published_at=timezone.now() + timedelta(minutes=number)
        )
    OfferPage.objects.filter(title__in=["Analyst, Lyon", "Engineer, Paris"]).update(
        first_published_at=start
    )
    html = client.get(catalogue["team"].url).content.decode()
    assert html.count('class="offer-card"') == shown
    assert f"Scientist {shown - 1}" in html and "Scientist 0" in html
    assert "Analyst, Lyon" not in html and "Engineer, Paris" not in html
    assert "See all these offers" in html
    assert f'href="{catalogue["index"].url}?family=data"' in html


@pytest.mark.django_db
def test_a_page_with_few_offers_asks_to_search_them(client, catalogue):
    html = client.get(catalogue["team"].url).content.decode()
    assert "Search these offers" in html
    assert "See all these offers" not in html


@pytest.mark.django_db
def test_a_page_without_family_or_place_lists_no_offer(client, catalogue):
    catalogue["team"].job_family = None
    catalogue["team"].save()
    html = client.get(catalogue["team"].url).content.decode()
    assert titles(html) == set()
    assert "There is no open offer here at the moment." in html


@pytest.mark.django_db
def test_an_offer_links_to_its_team_and_its_place(client, catalogue):
    offer = OfferPage.objects.get(title="Analyst, Lyon")
    html = client.get(offer.url).content.decode()
    assert f'href="{catalogue["team"].url}"' in html
    assert "Meet the team: Data team" in html
    assert f'href="{catalogue["place"].url}"' in html
    other = OfferPage.objects.get(title="Engineer, Paris")
    html = client.get(other.url).content.decode()
    assert "Meet the team: Data team" in html
    assert "Discover the place" not in html  # Paris has no page


@pytest.mark.django_db
def test_an_unpublished_team_page_is_not_linked(client, catalogue):
    catalogue["team"].unpublish()
    offer = OfferPage.objects.get(title="Analyst, Lyon")
    html = client.get(offer.url).content.decode()
    assert "Meet the team" not in html
    assert "Discover the place: Lyon office" in html


@pytest.mark.django_db
def test_the_listing_filters_link_to_the_team_and_place(client, catalogue):
    url = catalogue["index"].url
    html = client.get(url, {"family": "data"}).content.decode()
    assert f'href="{catalogue["team"].url}"' in html
    assert "Discover the place" not in html
    html = client.get(url, {"location": "lyon"}).content.decode()
    assert f'href="{catalogue["place"].url}"' in html
    assert "Meet the team" not in html
    html = client.get(url).content.decode()
    assert "Meet the team" not in html and "Discover the place" not in html


@pytest.mark.django_db
def test_the_indexes_list_their_live_pages(client, catalogue):
    hidden = TeamPageFactory(parent=catalogue["team"].get_parent(), title="Secret")
    hidden.unpublish()
    html = client.get(catalogue["team"].get_parent().url).content.decode()
    assert "Data team" in html and "Secret" not in html
    assert "Lyon office" not in html
    assert 'class="page-teams"' in html
    html = client.get(catalogue["place"].get_parent().url).content.decode()
    assert "Lyon office" in html and "Data team" not in html
    assert 'class="page-places"' in html


@pytest.mark.django_db
def test_an_index_lists_only_its_own_children(client, catalogue, home_page):
    """Two kinds of index share their base: each lists its own kind, and
    only its children."""
    from offers.models import EmployerIndexPage

    assert issubclass(TeamIndexPage, EmployerIndexPage)
    assert issubclass(LocationIndexPage, EmployerIndexPage)
    teams = catalogue["team"].get_parent()
    teams.introduction = "Meet the people you would work with."
    teams.save_revision().publish()
    html = client.get(teams.url).content.decode()
    assert "Meet the people you would work with." in html
    assert html.count('class="teams-list__item"') == 1


def count_queries(client, path: str) -> int:
    client.get(path)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_team_and_location_page_queries_are_pinned(client, catalogue):
    team, place = catalogue["team"].url, catalogue["place"].url
    assert count_queries(client, team) == TEAM_PAGE_QUERIES
    assert count_queries(client, place) == LOCATION_PAGE_QUERIES
    for number in range(10):
        OfferPageFactory(
            parent=catalogue["index"],
            job_family=catalogue["families"]["data"],
            locations=list(catalogue["places"].values())[: number % 2 + 1],
        )
    assert count_queries(client, team) == TEAM_PAGE_QUERIES
    assert count_queries(client, place) == LOCATION_PAGE_QUERIES


@pytest.mark.django_db
def test_editors_can_write_the_new_pages(admin_client, catalogue):
    """The editor of each new page type opens, with its fields and blocks."""
    from django.urls import reverse

    for model, parent in [
        (TeamPage, catalogue["team"].get_parent()),
        (LocationPage, catalogue["place"].get_parent()),
    ]:
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        response = admin_client.get(url)
        assert response.status_code == 200, model
    response = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[catalogue["team"].pk])
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_block_chooser_previews_every_block(admin_client, home_page):
    """Each block of the shared stream has a preview, in the site's styles."""
    from django.urls import reverse

    from home.blocks import BodyStreamBlock

    for name, block in BodyStreamBlock().child_blocks.items():
        response = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200, name
        assert b"css/blocks.css" in response.content, name


@pytest.mark.django_db
def test_team_and_location_pages_carry_sharing_tags(client, catalogue):
    for page in (catalogue["team"], catalogue["place"]):
        html = client.get(page.url).content.decode()
        assert f'<meta property="og:title" content="{page.title}">' in html
        assert f'<meta property="og:url" content="{page.full_url}">' in html
        assert '<meta name="twitter:card"' in html
