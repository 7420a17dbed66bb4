"""Stages become translatable (their e-mail in each language); existing ones are
the default language's."""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    # Rows are given their locale between adding the columns and requiring them:
    # each step commits on its own (PostgreSQL alters no table with pending
    # deferred checks).
    atomic = False

    dependencies = [
        ("applications", "0008_stages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="stage",
            name="locale",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale"),
        ),
        migrations.AddField(
            model_name="stage",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        BootstrapTranslatableModel("applications.stage"),
        migrations.AlterField(
            model_name="stage",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="stage",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="stage",
            name="name",
            field=models.CharField(help_text='What HR calls this step, e.g. “Phone screening”. Never shown to candidates.', max_length=80, verbose_name="name"),
        ),
        migrations.AlterUniqueTogether(
            name="stage",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="stage",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="applications_stage_unique_name"),
        ),
    ]
