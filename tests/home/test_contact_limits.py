"""Limits that fit the forms: the contact form refuses a message sent too soon
after the form was shown, an overlong message and a message full of links; a
request with too many fields gets a 400 page, while the admin's big pages still
save."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.forms import STAMP_FIELD, STAMP_MAX_AGE, STAMP_SALT, make_stamp
from home.models import ContactPage, FaqPage

VALID = {
    "your_name": "Jane Doe",
    "your_e_mail_address": "jane@example.org",
    "subject": "A question about the internship",
    "your_message": "Hello,\nIs the internship open to second-year students?",
}


@pytest.fixture
def contact_page(demo_site, settings):
    settings.CONTACT_MIN_SECONDS = 3
    return ContactPage.objects.get(locale__language_code="en")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Posts the contact form and runs what waits for the commit (the e-mail)."""

    def send(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/en/contact/", data, **extra)

    return send


def shown_ago(seconds: float) -> str:
    """The stamp of a form shown ``seconds`` ago."""
    return make_stamp(time.time() - seconds)


def stamp_in(html: str) -> str:
    (stamp,) = re.findall(rf'name="{STAMP_FIELD}" value="([^"]+)"', html)
    return stamp


def assert_refused(response, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert message in summary
    assert mail.outbox == []
    assert not FormSubmission.objects.exists()


# The time between showing and sending the form.


def test_the_form_carries_a_fresh_stamp_and_is_never_kept(client, contact_page):
    response = client.get("/en/contact/")
    stamp = stamp_in(response.content.decode())
    shown_at = signing.loads(stamp, salt=STAMP_SALT)
    assert time.time() - 5 < shown_at <= time.time()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_message_sent_after_the_minimum_time_goes(contact_page, post):
    response = post({**VALID, STAMP_FIELD: shown_ago(4)})
    assert response.status_code == 200
    assert "Thank you, your message was sent" in response.content.decode()
    assert len(mail.outbox) == 1
    assert STAMP_FIELD not in mail.outbox[0].body
    assert STAMP_FIELD not in FormSubmission.objects.get().form_data


def test_a_message_sent_too_soon_is_refused_then_goes_when_sent_again(
    client, contact_page, post
):
    posted = shown_ago(1)
    response = post({**VALID, STAMP_FIELD: posted})
    assert_refused(response, "That was quick: please check your message and send it")
    html = response.content.decode()
    assert "Is the internship open to second-year students?" in html  # kept
    renewed = stamp_in(html)
    assert renewed != posted
    response = post({**VALID, STAMP_FIELD: make_stamp(time.time() - 3)})
    assert "Thank you, your message was sent" in response.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "stamp",
    [
        None,
        "",
        "1700000000.0",
        signing.dumps(0.0, salt="another.salt"),
        "garbage:1abc:forged",
    ],
    ids=["missing", "empty", "unsigned", "other-salt", "forged"],
)
def test_a_missing_or_forged_stamp_is_refused(contact_page, post, stamp):
    data = dict(VALID) if stamp is None else {**VALID, STAMP_FIELD: stamp}
    assert_refused(post(data), "could not be checked")


def test_an_expired_stamp_is_refused(contact_page, post):
    # Signed more than STAMP_MAX_AGE ago: the signature's own time is checked.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: 1_000_000.0)
        old = make_stamp()
    assert time.time() - 1_000_000.0 > STAMP_MAX_AGE
    assert_refused(post({**VALID, STAMP_FIELD: old}), "open for too long")


def test_no_stamp_is_checked_when_the_minimum_is_zero(contact_page, post, settings):
    settings.CONTACT_MIN_SECONDS = 0
    response = post(VALID)
    assert "Thank you, your message was sent" in response.content.decode()


# The length of the message and its links.


def test_an_overlong_message_is_refused_with_its_length(contact_page, post, settings):
    limit = settings.CONTACT_MESSAGE_MAX_LENGTH
    assert limit == 5000
    response = post(
        {**VALID, "your_message": "a" * 1_000_000, STAMP_FIELD: shown_ago(10)}
    )
    assert_refused(response, "too long: 1000000 characters, for at most 5000")
    assert 'href="#id_your_message"' in response.content.decode()
    response = post({**VALID, "your_message": "a" * limit, STAMP_FIELD: shown_ago(10)})
    assert "Thank you, your message was sent" in response.content.decode()


def test_a_message_with_too_many_links_is_refused(contact_page, post, settings):
    assert settings.CONTACT_MAX_LINKS == 3
    links = "See https://a.example, http://b.example and www.c.example"
    response = post(
        {
            **VALID,
            "subject": "Look at https://www.d.example/page",
            "your_message": links,
            STAMP_FIELD: shown_ago(10),
        }
    )
    assert_refused(response, "contains 4 web addresses; at most 3 are accepted")


def test_three_links_are_accepted(contact_page, post):
    response = post(
        {
            **VALID,
            "your_message": "My profile: https://www.a.example, www.b.example, "
            "HTTP://c.example; jane@www.example.org is my address.",
            STAMP_FIELD: shown_ago(10),
        }
    )
    assert "Thank you, your message was sent" in response.content.decode()
    assert len(mail.outbox) == 1


# The number of fields of one request.


def test_a_post_with_too_many_fields_gets_the_400_page(client, contact_page, settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    data = {**VALID, STAMP_FIELD: shown_ago(10)}
    data.update({f"extra{number}": "x" for number in range(1000)})
    response = client.post("/en/contact/", data)
    assert response.status_code == 400
    assert "Request not accepted" in response.content.decode()
    assert mail.outbox == []
    assert not FormSubmission.objects.exists()


def faq_edit_data(page: FaqPage, sections: int, questions: int) -> dict[str, str]:
    """What the admin's editor posts to save the FAQ with as many sections of as
    many questions."""

    def question_list(section: int) -> dict:
        items = {
            str(number): {
                "value": {
                    "question": f"Question {section}.{number}?",
                    "answer": rich_text(f"<p>Answer {section}.{number}.</p>"),
                },
                "deleted": "",
                "order": str(number),
                "id": "",
            }
            for number in range(questions)
        }
        return {**items, "count": str(questions)}

    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "title": f"Section {number}",
                            "questions": question_list(number),
                        },
                    )
                    for number in range(sections)
                ]
            ),
        }
    )


def test_the_admin_saves_a_faq_ten_times_the_demo_one(client, demo_site, settings):
    """The demo FAQ posts about 80 fields: one of 120 questions still saves."""
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    page = FaqPage.objects.get(locale__language_code="en")
    data = faq_edit_data(page, sections=6, questions=20)
    assert 600 < len(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - 50
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url  # saved as a draft, back to the editor
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert len(saved.sections) == 6
    assert saved.sections[5].value["questions"][19]["question"] == "Question 5.19?"
