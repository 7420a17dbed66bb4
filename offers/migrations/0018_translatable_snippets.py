"""Question sets and offer templates become translatable; existing ones are the
default language's."""

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
        ("offers", "0017_index_pages_share_their_introduction"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionset",
            name="locale",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale"),
        ),
        migrations.AddField(
            model_name="questionset",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="offertemplate",
            name="locale",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale"),
        ),
        migrations.AddField(
            model_name="offertemplate",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        BootstrapTranslatableModel("offers.questionset"),
        BootstrapTranslatableModel("offers.offertemplate"),
        migrations.AlterField(
            model_name="questionset",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="questionset",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="questionset",
            name="name",
            field=models.CharField(help_text='For HR only, e.g. Availability; candidates never see it.', max_length=120, verbose_name="name"),
        ),
        migrations.AlterUniqueTogether(
            name="questionset",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="questionset",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="offers_questionset_unique_name"),
        ),
        migrations.AlterField(
            model_name="offertemplate",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="offertemplate",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="offertemplate",
            name="name",
            field=models.CharField(help_text="What recruiters choose in a new offer, e.g. 'Engineering, permanent'.", max_length=120, verbose_name="name"),
        ),
        migrations.AlterUniqueTogether(
            name="offertemplate",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="offertemplate",
            constraint=models.UniqueConstraint(fields=("locale", "name"), name="offers_offertemplate_unique_name"),
        ),
    ]
