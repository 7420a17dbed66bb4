"""The names of the staff groups, created by ``home/migrations/0002_staff_groups``.

HR recruiters publish offers and review applications; content editors maintain the
content pages and never see candidate data. Both reach the Wagtail admin.
"""

HR_RECRUITERS = "HR recruiters"
CONTENT_EDITORS = "Content editors"

# The data migrations that grant the staff groups their rights on our models.
STAFF_PERMISSION_MIGRATIONS = [
    "offers.migrations.0004_hr_offer_permissions",
    "applications.migrations.0002_hr_application_permissions",
    "alerts.migrations.0002_hr_alert_permissions",
    "candidates.migrations.0005_erase_candidate_permission",
    "home.migrations.0004_contact_submissions_permission",
    "offers.migrations.0010_questions",
    "applications.migrations.0008_stages",
    "offers.migrations.0012_offer_templates",
]


def set_group_permissions(
    apps, app_label: str, group_name: str, codenames: list[str], *, grant: bool = True
) -> None:
    """Grants (or takes back) permissions of ``app_label`` to a group, for data
    migrations: the permissions are created first when the app's were not yet."""
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if grant:
        app_config = apps.get_app_config(app_label)
        # create_permissions skips an app without models: the migrations' state
        # of an app has none to show.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    if grant:
        group.permissions.add(*permissions)
    else:
        group.permissions.remove(*permissions)


def ensure_staff_groups() -> None:
    """Creates the groups as their migration does, where a flushed test database
    lost them."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=[HR_RECRUITERS, CONTENT_EDITORS]).count() == 2:
        return
    migration = import_module("home.migrations.0002_staff_groups")
    migration.create_groups(apps, None)


def ensure_staff_permissions() -> None:
    """Grants the staff groups their rights as their migrations do, where a
    flushed test database lost them."""
    from importlib import import_module

    from django.apps import apps

    for migration in STAFF_PERMISSION_MIGRATIONS:
        import_module(migration).grant(apps, None)
