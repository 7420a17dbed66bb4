"""Every offer gets a reference of its own, then references become unique."""

from django.db import migrations, models


def fill_references(apps, schema_editor):
    """Offers saved before references were unique get one of their own."""
    OfferPage = apps.get_model("offers", "OfferPage")
    seen = set()
    for offer in OfferPage.objects.order_by("pk"):
        reference = offer.reference.strip().upper()
        if not reference or reference in seen:
            reference = f"OFFER-{offer.pk}"
        seen.add(reference)
        OfferPage.objects.filter(pk=offer.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_offer_facts_and_taxonomies")]

    operations = [
        migrations.RunPython(fill_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='offerpage',
            name='reference',
            field=models.CharField(blank=True, help_text="The offer's reference, quoted by candidates; leave empty to have one made for you.", max_length=32, unique=True, verbose_name='reference'),
        ),
    ]
