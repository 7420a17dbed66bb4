"""The contact page's messages are HR's: content editors edit the page but never
list nor export what visitors sent through it (issue 15)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user

from candidates.models import User
from home.groups import CONTENT_EDITORS, HR_RECRUITERS
from home.models import ContactPage

pytestmark = pytest.mark.django_db

SECRET = "Jane Confidential"


@pytest.fixture
def contact_page(demo_site) -> ContactPage:
    return ContactPage.objects.get(locale__language_code="en")


@pytest.fixture
def submission(contact_page) -> FormSubmission:
    return FormSubmission.objects.create(
        page=contact_page,
        form_data={
            "your_name": SECRET,
            "your_e_mail_address": "jane@example.org",
            "subject": "A question",
            "your_message": "Is the internship open?",
        },
    )


def demo_user(username: str) -> User:
    """The demo's log-ins: ``editor`` (content editor), ``hr``, ``admin``."""
    return User.objects.get(username=username)


def submission_urls(page: ContactPage) -> list[str]:
    base = f"/admin/forms/submissions/{page.pk}/"
    return [base, base + "results/", base + "?export=csv", base + "?export=xlsx"]


def refused(response) -> bool:
    """Wagtail's admin answers a refusal with a redirect to the dashboard (and a
    "no permission" message), or 403/404."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


def shows_forms_menu(user: User) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return "forms" in {item.name for item in admin_menu.menu_items_for_request(request)}


def edit_form_data(html: str) -> dict[str, list[str]]:
    """What a browser posts back from the page editor's form, unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            value = [
                o.get("value", o.text) for o in field.find_all("option", selected=True)
            ]
            data.setdefault(name, []).extend(value)
            continue
        elif field.get("type") in ("checkbox", "radio"):
            if not field.has_attr("checked"):
                continue
            value = field.get("value", "on")
        elif field.get("type") in ("submit", "button", "file"):
            continue
        else:
            value = field.get("value", "")
        data.setdefault(name, []).append(value)
    return data


def test_only_hr_recruiters_hold_the_permission(demo_site):
    assert (
        Group.objects.get(name=HR_RECRUITERS)
        .permissions.filter(codename="view_contact_submissions")
        .exists()
    )
    assert (
        not Group.objects.get(name=CONTENT_EDITORS)
        .permissions.filter(codename="view_contact_submissions")
        .exists()
    )
    assert demo_user("hr").has_perm("home.view_contact_submissions")
    assert demo_user("admin").has_perm("home.view_contact_submissions")
    assert not demo_user("editor").has_perm("home.view_contact_submissions")


def test_editor_neither_lists_nor_exports_messages(client, contact_page, submission):
    editor = demo_user("editor")
    client.force_login(editor)
    assert not get_forms_for_user(editor).exists()
    response = client.get("/admin/forms/")
    # Wagtail lists the forms of pages the editor may edit: none is left.
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/forms/submissions/{contact_page.pk}/" not in html
    for url in submission_urls(contact_page):
        response = client.get(url)
        assert refused(response), url
        assert SECRET not in response.content.decode()
        assert "attachment" not in response.get("Content-Disposition", "")
    delete_url = f"/admin/forms/submissions/{contact_page.pk}/delete/"
    response = client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert refused(response)
    assert FormSubmission.objects.filter(pk=submission.pk).exists()


def test_editor_has_no_forms_menu(client, contact_page, submission):
    editor = demo_user("editor")
    assert not shows_forms_menu(editor)
    client.force_login(editor)
    assert '"/admin/forms/"' not in client.get("/admin/").content.decode()


def test_editor_still_edits_and_saves_the_contact_page(
    client, contact_page, submission
):
    client.force_login(demo_user("editor"))
    edit_url = f"/admin/pages/{contact_page.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    # Not even the count of messages and the link to them.
    assert f"/admin/forms/submissions/{contact_page.pk}/" not in (
        response.content.decode()
    )
    data = edit_form_data(response.content.decode())
    data["subject"] = ["A new subject for contact messages"]
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contact_page.refresh_from_db()
    latest = contact_page.get_latest_revision_as_object()
    assert latest.subject == "A new subject for contact messages"


@pytest.mark.parametrize("username", ["hr", "admin"])
def test_hr_and_administrators_list_and_export(
    client, contact_page, submission, username
):
    user = demo_user(username)
    assert shows_forms_menu(user)
    client.force_login(user)
    index = client.get("/admin/forms/").content.decode()
    assert f"/admin/forms/submissions/{contact_page.pk}/" in index
    listing, results, csv, xlsx = submission_urls(contact_page)
    response = client.get(listing)
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    response = client.get(csv)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert SECRET in b"".join(response.streaming_content).decode()
    response = client.get(xlsx)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_the_edit_view_shows_the_messages_panel_to_who_may_read_them(
    client, contact_page, submission
):
    client.force_login(demo_user("admin"))
    response = client.get(f"/admin/pages/{contact_page.pk}/edit/")
    assert f"/admin/forms/submissions/{contact_page.pk}/" in response.content.decode()
