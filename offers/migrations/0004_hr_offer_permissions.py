"""HR recruiters manage offers and their taxonomies; content editors do not.

The page rights both groups hold on the tree reach offers only together with
``offers.manage_offers`` (see offers/permissions.py), granted here to HR alone.
"""

from django.db import migrations

from home.groups import set_group_permissions

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = [
    "manage_offers",
    "add_jobfamily",
    "change_jobfamily",
    "delete_jobfamily",
    "view_jobfamily",
    "add_location",
    "change_location",
    "delete_location",
    "view_location",
]


def grant(apps, schema_editor):
    set_group_permissions(apps, "offers", HR_RECRUITERS, HR_PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, "offers", HR_RECRUITERS, HR_PERMISSIONS, grant=False)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0003_unique_references"),
        ("home", "0002_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
