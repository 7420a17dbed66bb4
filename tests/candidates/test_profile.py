"""The candidate space: "My profile" with experience and education."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.factories import (
    CandidateProfileFactory,
    EducationFactory,
    ExperienceFactory,
)
from candidates.models import CandidateProfile, Education, Experience

pytestmark = pytest.mark.django_db

PROFILE = "/en/me/profile/"


@pytest.fixture
def jane(client, candidate):
    client.force_login(candidate)
    return candidate


def profile_data(**overrides):
    values = {
        "first_name": "Jane",
        "last_name": "Martin",
        "headline": "Accountant",
        "phone": "+33 6 12 34 56 78",
        "address": "1 Harbour Street",
        "postal_code": "69002",
        "city": "Lyon",
        "country": "France",
        "website": "https://example.org/jane",
        "summary": "Ten years of bookkeeping.",
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    "url",
    [
        "/en/me/",
        PROFILE,
        "/en/me/profile/experience/add/",
        "/en/me/profile/education/add/",
        "/en/me/documents/",
        "/en/me/applications/",
    ],
)
def test_the_space_needs_a_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/en/account/login/?next={url}"


def test_the_header_pictogram_leads_to_the_space(client, jane, home_page):
    html = client.get("/en/").content.decode()
    assert 'class="profile-link" href="/en/me/"' in html
    space = client.get("/en/me/").content.decode()
    for url in (
        PROFILE,
        "/en/me/documents/",
        "/en/me/applications/",
        "/en/me/parameters/",
    ):
        assert f'href="{url}"' in space


def test_save_identity_and_contact_details(client, jane):
    response = client.post(PROFILE, profile_data())
    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.last_name == "Martin"
    profile = CandidateProfile.objects.get(user=jane)
    assert (profile.city, profile.phone, profile.website) == (
        "Lyon",
        "+33 6 12 34 56 78",
        "https://example.org/jane",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "call me"),
        ("website", "javascript:alert(1)"),
        ("first_name", ""),
        ("city", "Lyon\x00"),
        ("summary", "x" * 4096),
        ("last_name", "x" * 4096),
    ],
)
def test_bad_input_saves_nothing(client, jane, field, value):
    response = client.post(PROFILE, profile_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert 'value="1 Harbour Street"' in html  # what was typed stays
    jane.refresh_from_db()
    assert jane.last_name == "Doe"  # the account is not half-saved either
    assert CandidateProfile.objects.get(user=jane).city == ""


def test_extra_fields_are_ignored(client, jane, other_candidate):
    other_profile = CandidateProfileFactory(user=other_candidate, city="Paris")
    client.post(
        PROFILE,
        profile_data(
            user=str(other_candidate.pk),
            id=str(other_profile.pk),
            is_staff="on",
            is_superuser="on",
            username="admin",
            email="admin@example.org",
        ),
    )
    jane.refresh_from_db()
    assert not jane.is_staff and not jane.is_superuser
    assert (jane.username, jane.email) == ("Jane.Doe", "jane@example.org")
    other_profile.refresh_from_db()
    assert other_profile.city == "Paris"
    assert CandidateProfile.objects.get(user=jane).city == "Lyon"


def test_add_edit_and_remove_an_experience(client, jane):
    response = client.post(
        "/en/me/profile/experience/add/",
        {
            "job_title": "Accountant",
            "employer": "Acme",
            "start_date": "2020-01-15",
            "end_date": "",
            "description": "Month-end closing.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/profile/#experience"
    experience = Experience.objects.get(profile__user=jane)
    assert "Accountant" in client.get(PROFILE).content.decode()

    url = f"/en/me/profile/experience/{experience.pk}/"
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "job_title": "Senior accountant",
            "employer": "Acme",
            "start_date": "2020-01-15",
        },
    )
    experience.refresh_from_db()
    assert experience.job_title == "Senior accountant"

    assert (
        "Remove “Senior accountant, Acme”?"
        in client.get(url + "remove/").content.decode()
    )
    assert Experience.objects.filter(pk=experience.pk).exists()  # a GET only asks
    assert client.post(url + "remove/").status_code == 302
    assert not Experience.objects.filter(pk=experience.pk).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start_date": "2021-01-01", "end_date": "2020-01-01"}, "end_date"),
        ({"start_date": "not a date"}, "start_date"),
        ({"start_date": "1850-01-01"}, "start_date"),
        ({"start_date": "9999-12-31"}, "start_date"),
        ({"job_title": ""}, "job_title"),
        ({"employer": "Acme\x00"}, "employer"),
    ],
)
def test_bad_experiences_are_refused(client, jane, data, field):
    values = {"job_title": "Accountant", "employer": "Acme", "start_date": "2020-01-01"}
    response = client.post("/en/me/profile/experience/add/", {**values, **data})
    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Experience.objects.exists()


def test_add_and_edit_education(client, jane):
    client.post(
        "/en/me/profile/education/add/",
        {
            "qualification": "Master",
            "institution": "Lyon 3",
            "start_year": "2012",
            "end_year": "2014",
        },
    )
    education = Education.objects.get(profile__user=jane)
    assert (education.start_year, education.end_year) == (2012, 2014)
    response = client.post(
        f"/en/me/profile/education/{education.pk}/",
        {
            "qualification": "Master",
            "institution": "Lyon 3",
            "start_year": "2015",
            "end_year": "2014",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_end_year"' in response.content.decode()
    education.refresh_from_db()
    assert education.start_year == 2012
    response = client.post(
        f"/en/me/profile/education/{education.pk}/",
        {"qualification": "Master", "institution": "Lyon 3", "end_year": "3000"},
    )
    assert 'href="#id_end_year"' in response.content.decode()


def test_another_candidates_entries_are_out_of_reach(client, jane, other_candidate):
    theirs = ExperienceFactory(profile=CandidateProfileFactory(user=other_candidate))
    their_education = EducationFactory(profile=theirs.profile)
    for url in (
        f"/en/me/profile/experience/{theirs.pk}/",
        f"/en/me/profile/experience/{theirs.pk}/remove/",
        f"/en/me/profile/education/{their_education.pk}/",
        f"/en/me/profile/education/{their_education.pk}/remove/",
    ):
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"job_title": "Hacked", "employer": "x"}).status_code
            == 404
        )
    theirs.refresh_from_db()
    assert theirs.job_title != "Hacked"
    assert Education.objects.filter(pk=their_education.pk).exists()


def test_extra_fields_cannot_move_an_entry_to_another_profile(
    client, jane, other_candidate
):
    other_profile = CandidateProfileFactory(user=other_candidate)
    client.post(
        "/en/me/profile/experience/add/",
        {
            "job_title": "Accountant",
            "employer": "Acme",
            "start_date": "2020-01-01",
            "profile": str(other_profile.pk),
            "id": "999",
        },
    )
    experience = Experience.objects.get()
    assert experience.profile.user == jane
    assert not other_profile.experiences.exists()


def test_the_profile_page_queries_do_not_grow_with_the_entries(client, jane):
    profile = CandidateProfile.objects.get(user=jane)
    ExperienceFactory(profile=profile)
    EducationFactory(profile=profile)
    client.get(PROFILE)  # creates the site settings once
    with CaptureQueriesContext(connection) as few:
        client.get(PROFILE)
    ExperienceFactory.create_batch(8, profile=profile)
    EducationFactory.create_batch(8, profile=profile)
    with CaptureQueriesContext(connection) as many:
        response = client.get(PROFILE)
    assert response.content.decode().count('class="entry"') == 18
    # Among them the language links (translations of the footer's pages and of
    # the offer index, in one query) and the agreement's renewal check (two).
    assert len(many) == len(few) <= 12
