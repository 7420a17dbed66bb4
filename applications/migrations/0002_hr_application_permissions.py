"""HR recruiters read applications and candidates and move applications on;
content editors get none of it."""

from django.db import migrations

from home.groups import set_group_permissions

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = ["view_application", "change_application", "view_candidates"]


def grant(apps, schema_editor):
    set_group_permissions(apps, "applications", HR_RECRUITERS, HR_PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, "applications", HR_RECRUITERS, HR_PERMISSIONS, grant=False)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
