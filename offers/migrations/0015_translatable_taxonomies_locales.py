"""Existing job families and locations become the default language's."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0014_translatable_taxonomies_bootstrap"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        BootstrapTranslatableModel("offers.JobFamily"),
        BootstrapTranslatableModel("offers.Location"),
    ]
