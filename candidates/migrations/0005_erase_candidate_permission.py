"""The right to erase a candidate from the admin, granted to HR recruiters;
content editors never get it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = ["erase_candidate"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("candidates")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=HR_RECRUITERS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="candidates", codename__in=HR_PERMISSIONS
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=HR_RECRUITERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="candidates", codename__in=HR_PERMISSIONS
            )
        )


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
