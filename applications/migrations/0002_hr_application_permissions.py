"""HR recruiters read applications and candidates and move applications on;
content editors get none of it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = ["view_application", "change_application", "view_candidates"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=HR_RECRUITERS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="applications", codename__in=HR_PERMISSIONS
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=HR_RECRUITERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="applications", codename__in=HR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
