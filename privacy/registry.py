"""The registry of what the portal keeps about a candidate, filled by the apps that
keep it: each declares its own through the ``register_personal_data`` hook (see
``candidates.personal_data``), and this app declares the third-party apps' in its
``wagtail_hooks.py``."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from candidates.personal_data import PERSONAL_DATA_HOOK, PersonalData, Relation

# What holds candidate data without a relation to it, and what erasure does.
OTHER_STORES: dict[str, str] = {
    "stored files": "the documents' files, deleted once the erasure commits "
    "(home.storage.schedule_deletion; failures retried by retry_deletions)",
    "sessions": "every session of the account, deleted",
    "axes records": "failed log-ins under the username or address, deleted",
    "outgoing e-mails": "e-mails about the candidate (the keys the apps give) and "
    "e-mails addressed to them, deleted; the erasure confirmation keeps the "
    "address until purge_inactive_candidates forgets it once sent",
}


def _app_position(hook) -> int:
    """Where the app registering ``hook`` sits in ``INSTALLED_APPS``."""
    labels = [config.label for config in apps.get_app_configs()]
    config = apps.get_containing_app_config(hook.__module__)
    return labels.index(config.label) if config else len(labels)


def declarations() -> list[PersonalData]:
    """Every app's declaration, in the order of ``INSTALLED_APPS`` (whatever order
    their hooks were registered in)."""
    return [
        hook()
        for hook in sorted(hooks.get_hooks(PERSONAL_DATA_HOOK), key=_app_position)
    ]


def candidate_data() -> dict[str, Relation]:
    """Every relation ("app_label.Model.field") to the user model or to a model of
    candidate data, and how its rows are exported and erased.
    tests/privacy/test_privacy_registry.py fails when a model gains one that no
    app declares."""
    relations: dict[str, Relation] = {}
    for declaration in declarations():
        for key, relation in declaration.relations.items():
            if key in relations:
                raise ImproperlyConfigured(f"{key} is declared twice.")
            relations[key] = relation
    return relations
