"""The two staff groups and what they may do in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group

from candidates.factories import UserFactory
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.models import FaqPage, PortalSettings

pytestmark = pytest.mark.django_db


def test_groups_exist_and_reach_the_admin():
    names = set(Group.objects.values_list("name", flat=True))
    assert {HR_RECRUITERS, CONTENT_EDITORS} <= names
    # Wagtail's default groups are gone: two roles, no overlap.
    assert not names & {"Moderators", "Editors"}
    for name in (HR_RECRUITERS, CONTENT_EDITORS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
        assert set(
            group.page_permissions.values_list("permission__codename", flat=True)
        ) >= {"add_page", "change_page", "publish_page"}


@pytest.fixture
def editor():
    return UserFactory(username="edith", groups=[CONTENT_EDITORS])


@pytest.fixture
def recruiter():
    return UserFactory(username="hugo", groups=[HR_RECRUITERS])


def test_editor_edits_and_publishes_content_pages(client, demo_site, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    faq = FaqPage.objects.get(locale__language_code="en")
    assert client.get(f"/admin/pages/{faq.pk}/edit/").status_code == 200
    permissions = faq.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_publish()


def test_editor_cannot_change_site_settings_nor_users(client, demo_site, editor):
    client.force_login(editor)
    settings_url = f"/admin/settings/home/portalsettings/{demo_site.get_site().pk}/"
    assert client.get(settings_url).status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)


def test_recruiter_changes_the_hr_address(client, demo_site, recruiter):
    client.force_login(recruiter)
    settings_url = f"/admin/settings/home/portalsettings/{demo_site.get_site().pk}/"
    assert client.get(settings_url).status_code == 200
    assert recruiter.has_perm("home.change_portalsettings")
    assert PortalSettings.for_site(demo_site.get_site()).hr_email == "hr@example.com"


def test_candidates_cannot_reach_the_admin(client, demo_site):
    candidate = UserFactory(username="cand")
    client.force_login(candidate)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
