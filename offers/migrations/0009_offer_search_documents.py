"""Offer words as a PostgreSQL tsvector with a GIN index (offers.models
.OfferSearchDocument). The table exists on every database; the GIN index and
the documents only on PostgreSQL, where searches read them."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """An index in the model's state everywhere, in the database on PostgreSQL
    only (SQLite has no GIN index)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def write_documents(apps, schema_editor):
    """Writes the documents of the offers already published. The words are read
    through the offers' search fields, so this uses the current model; a new
    database has no offer and reads nothing but their ids."""
    if schema_editor.connection.vendor != "postgresql":
        return
    OfferPage = apps.get_model("offers", "OfferPage")
    ids = list(OfferPage.objects.filter(live=True).values_list("pk", flat=True))
    if ids:
        from offers.models import OfferSearchDocument

        OfferSearchDocument.refresh(ids)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0008_drop_listing_machinery"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfferSearchDocument",
            fields=[
                (
                    "offer",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="offers.offerpage",
                    ),
                ),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(null=True),
                ),
            ],
        ),
        AddIndexOnPostgreSQL(
            model_name="offersearchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["document"], name="offer_search_document_gin"
            ),
        ),
        migrations.RunPython(write_documents, migrations.RunPython.noop),
    ]
