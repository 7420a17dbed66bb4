"""Moves the rows of the applications' outbox (``applications.OutgoingEmail``) into
the site's one outbox, with their ids; the e-mails still waiting get a next attempt
now, which ``manage.py send_queued_emails`` picks up."""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = [
    "id",
    "key",
    "to",
    "subject",
    "body",
    "html",
    "message_id",
    "created_at",
    "sent_at",
    "attempts",
    "last_error",
]
BATCH = 1000


def copy_rows(source, target, extra, schema_editor):
    rows = source.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for row in rows.values(*FIELDS).iterator(chunk_size=BATCH):
        batch.append(target(**{**row, **extra(row)}))
        if len(batch) == BATCH:
            target.objects.using(schema_editor.connection.alias).bulk_create(batch)
            batch = []
    target.objects.using(schema_editor.connection.alias).bulk_create(batch)
    # The ids were given: the next ones come after them (PostgreSQL's sequence).
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [target])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def forwards(apps, schema_editor):
    copy_rows(
        apps.get_model("applications", "OutgoingEmail"),
        apps.get_model("core", "OutgoingEmail"),
        lambda row: {
            "next_attempt_at": None if row["sent_at"] else row["created_at"],
        },
        schema_editor,
    )


def backwards(apps, schema_editor):
    copy_rows(
        apps.get_model("core", "OutgoingEmail"),
        apps.get_model("applications", "OutgoingEmail"),
        lambda row: {"subject": row["subject"][:255]},
        schema_editor,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        # The last state of the applications app that holds its outbox.
        ("applications", "0004_reviewer_visit"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
