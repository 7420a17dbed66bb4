"""The names of the staff groups, created by ``home/migrations/0002_staff_groups``.

HR recruiters publish offers and review applications; content editors maintain the
content pages and never see candidate data. Both reach the Wagtail admin.
"""

HR_RECRUITERS = "HR recruiters"
CONTENT_EDITORS = "Content editors"


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
