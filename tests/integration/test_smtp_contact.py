"""The contact form's e-mail goes out through a real SMTP server."""

import pytest

pytestmark = pytest.mark.django_db


def test_contact_message_reaches_the_smtp_server(
    client, demo_site, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/contact/",
            {
                "your_name": "Jane Doe",
                "your_e_mail_address": "jane@example.org",
                "subject": "Opening hours",
                "your_message": "When can I call HR?",
            },
        )
    assert response.status_code == 200
    (received,) = smtp_server.received
    assert received.envelope_to == ["hr@example.com"]
    assert received.message["Reply-To"] == "jane@example.org"
    assert "When can I call HR?" in received.text()
    assert "Jane Doe" in received.html()
