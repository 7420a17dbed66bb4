"""HR recruiters read and export the contact page's messages in the admin's
"Forms"; content editors, who edit the page, do not (home/wagtail_hooks.py)."""

from django.db import migrations

from home.groups import set_group_permissions

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = ["view_contact_submissions"]


def grant(apps, schema_editor):
    set_group_permissions(apps, "home", HR_RECRUITERS, HR_PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, "home", HR_RECRUITERS, HR_PERMISSIONS, grant=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_pending_deletion"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contactpage",
            options={
                "permissions": [
                    (
                        "view_contact_submissions",
                        "Can view and export contact messages",
                    )
                ],
                "verbose_name": "contact page",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
