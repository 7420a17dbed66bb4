"""The listing rows, kept counts and offer words give way to plain queries behind
the page cache: their tables and the trigger on the search index go."""

from django.db import migrations

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS offers_offerword_update ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS offers_offerword_insert_delete ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS offers_offerword_sync();
"""


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0007_listing_tallies"),
    ]

    operations = [
        migrations.RunPython(drop_trigger, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="OfferWord"),
        migrations.DeleteModel(name="ListingTally"),
        migrations.DeleteModel(name="ListingGeneration"),
        migrations.DeleteModel(name="ListedOffer"),
    ]
