"""The pipeline HR starts with: the default stages, created by the data
migration ``applications.0008_stages`` (and again where a flushed test database
lost them), each mapped from the statuses applications had before stages."""

from __future__ import annotations

# name, public status, final, e-mail subject, e-mail text, former statuses.
DEFAULT_STAGES = [
    ("New", "submitted", False, "", "", ["submitted"]),
    (
        "Screening",
        "in_review",
        False,
        "Your application “{offer_title}” is under review",
        "Hello {first_name},\n\nThank you for your application “{offer_title}” "
        "({offer_reference}). Our HR team is now reviewing it.\n\n"
        "The careers team",
        ["in_review"],
    ),
    (
        "Interview",
        "interview",
        False,
        "Your application “{offer_title}”: an interview",
        "Hello {first_name},\n\nWe would like to meet you about “{offer_title}” "
        "({offer_reference}). We will contact you shortly to arrange an "
        "interview.\n\nThe careers team",
        ["interview"],
    ),
    ("Offer", "interview", False, "", "", ["offer"]),
    (
        "Hired",
        "hired",
        True,
        "Your application “{offer_title}”: welcome aboard",
        "Hello {first_name},\n\nWe are glad to confirm that you are hired for "
        "“{offer_title}” ({offer_reference}).\n\nThe careers team",
        ["hired"],
    ),
    (
        "Not selected",
        "rejected",
        True,
        "Your application “{offer_title}”",
        "Hello {first_name},\n\nThank you for your interest in “{offer_title}” "
        "({offer_reference}). After careful consideration, we will not take your "
        "application further. We wish you every success.\n\nThe careers team",
        ["rejected"],
    ),
]


def create_default_stages(stage_model) -> dict[str, object]:
    """Creates the default stages missing from ``stage_model`` (the model, or its
    migration state); returns the stage of each former status."""
    by_status = {}
    for order, (name, status, terminal, subject, body, former) in enumerate(
        DEFAULT_STAGES
    ):
        stage, _created = stage_model.objects.get_or_create(
            name=name,
            defaults={
                "public_status": status,
                "is_terminal": terminal,
                "email_subject": subject,
                "email_body": body,
                "sort_order": order,
            },
        )
        for value in former:
            by_status[value] = stage
    return by_status


def ensure_default_stages() -> None:
    """The default stages, where a flushed test database lost them."""
    from .models import Stage

    if not Stage.objects.exists():
        create_default_stages(Stage)
