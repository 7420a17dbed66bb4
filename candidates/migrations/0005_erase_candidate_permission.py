"""The right to erase a candidate from the admin, granted to HR recruiters;
content editors never get it."""

from django.db import migrations

from home.groups import set_group_permissions

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = ["erase_candidate"]


def grant(apps, schema_editor):
    set_group_permissions(apps, "candidates", HR_RECRUITERS, HR_PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, "candidates", HR_RECRUITERS, HR_PERMISSIONS, grant=False)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0004_privacy"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [
                    ("erase_candidate", "Can erase a candidate's account and data")
                ],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
