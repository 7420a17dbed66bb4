"""The listing's counts read the open offers' filter columns from one covering
index on PostgreSQL (an index-only scan); other databases skip it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0018_translatable_snippets"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="offerpage",
            index=models.Index(
                fields=["closing_date"],
                include=(
                    "page_ptr",
                    "filled",
                    "job_family",
                    "contract_type",
                    "remote_policy",
                ),
                name="offer_filter_columns",
            ),
        ),
    ]
