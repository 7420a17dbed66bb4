"""The registry of candidate data (``privacy.registry.candidate_data()``, filled by
the apps' ``register_personal_data`` hooks) covers every relation to the user
model or to a model of candidate data: a new model pointing at a candidate fails
here until its app says how it is exported and erased. The export holds every
exported relation, and the erasure leaves none behind."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail import hooks

from candidates.personal_data import PERSONAL_DATA_HOOK, Erasure, Relation
from home.factories import DataProtectionPageFactory
from privacy.erasure import erase_candidate
from privacy.export import export_data
from privacy.registry import candidate_data

from .privacy_world import make_candidate, make_site, make_staff, private_dir

__all__ = ["private_dir"]


def relation_fields() -> dict[str, models.Field]:
    """Every relation declared by a model of the project ("app.Model.field")."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            if field.is_relation and field.related_model is not None:
                found[f"{model._meta.label}.{field.name}"] = field
    return found


def candidate_models(registry: dict[str, Relation]) -> set[type[models.Model]]:
    """The user model and every model registered as holding candidate data,
    through relations to them (a model pointing at one of them holds some too)."""
    fields = relation_fields()
    found = {apps.get_model(settings.AUTH_USER_MODEL)}
    while True:
        more = {
            fields[key].model
            for key, relation in registry.items()
            if key in fields
            and relation.is_candidate_data
            and fields[key].related_model in found
        } - found
        if not more:
            return found
        found |= more


def unregistered(registry: dict[str, Relation]) -> list[str]:
    """Relations to candidate data the registry does not say anything about."""
    targets = candidate_models(registry)
    return sorted(
        key
        for key, field in relation_fields().items()
        if field.related_model in targets and key not in registry
    )


def test_every_relation_to_candidate_data_is_registered():
    missing = unregistered(candidate_data())
    assert missing == [], (
        "Say in the register_personal_data hook of their app how these are "
        f"exported and erased (or that they are not candidate data): {missing}"
    )


def test_a_new_relation_to_a_candidate_is_reported():
    """The check above fails for a relation left out, even one reached through
    another candidate model."""
    registry_now = candidate_data()
    for key in (
        "alerts.JobAlert.candidate",
        "applications.StatusChange.application",
        "candidates.Experience.profile",
        "applications.Note.author",
    ):
        registry = {k: v for k, v in registry_now.items() if k != key}
        assert key in unregistered(registry)


def test_each_app_declares_its_own_models():
    """The apps fill the registry through their hook, each with its own models;
    privacy declares only the third-party apps' (Wagtail's)."""
    project_apps = {"candidates", "applications", "alerts"}
    declared_by: dict[str, str] = {}
    for hook in hooks.get_hooks(PERSONAL_DATA_HOOK):
        app = apps.get_containing_app_config(hook.__module__).label
        for key in hook().relations:
            declared_by[key] = app
    for key, app in declared_by.items():
        owner = key.split(".")[0]
        if owner in project_apps:
            assert app == owner, f"{key} is declared by {app}"
        else:
            assert app in ("privacy", "candidates"), f"{key} is declared by {app}"
    assert set(declared_by.values()) == {*project_apps, "privacy"}


def test_the_registry_names_real_relations_only():
    fields = relation_fields()
    registry = candidate_data()
    stale = [key for key in registry if key not in fields]
    assert stale == []
    for key, relation in registry.items():
        if relation.is_candidate_data and not relation.export:
            assert relation.note, f"{key}: say why it is not exported"


def test_staff_side_references_are_not_candidate_data():
    for key in (
        "applications.StatusChange.changed_by",
        "applications.Note.author",
        "applications.DocumentAccess.accessed_by",
    ):
        assert candidate_data()[key].erasure is Erasure.NOT_CANDIDATE_DATA
        # Their rows outlive the staff account: the reference is emptied.
        assert relation_fields()[key].remote_field.on_delete is models.SET_NULL


def resolve(data: Any, path: str) -> list[Any]:
    """The values at ``path`` ("applications[].cv", "account.email_addresses")."""
    values = [data]
    for part in path.split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        values = [value[name] for value in values if value]
        if many:
            values = [item for value in values for item in value]
    return values


def rows_of(user) -> dict[str, dict[type[models.Model], set[int]]]:
    """For each registered candidate-data relation, the rows that lead to
    ``user`` through it (directly or through other candidate rows)."""
    fields = relation_fields()
    reached: dict[type[models.Model], set[int]] = {type(user): {user.pk}}
    by_relation: dict[str, set[int]] = {}
    registry = candidate_data()
    changed = True
    while changed:
        changed = False
        for key, relation in registry.items():
            field = fields[key]
            if not relation.is_candidate_data or field.related_model not in reached:
                continue
            pks = set(
                field.model.objects.filter(
                    **{f"{field.name}__in": reached[field.related_model]}
                ).values_list("pk", flat=True)
            )
            if pks - by_relation.get(key, set()):
                by_relation[key] = by_relation.get(key, set()) | pks
                reached.setdefault(field.model, set()).update(pks)
                changed = True
    return {key: (fields[key].model, pks) for key, pks in by_relation.items()}


@pytest.fixture
def world(home_page, private_dir):
    DataProtectionPageFactory(parent=home_page, slug="data-protection")
    offers = make_site(home_page)
    hr, _editor = make_staff()
    return make_candidate("jane", offers, hr), make_candidate("bob", offers, hr)


def test_the_export_holds_every_exported_relation(world):
    jane, _bob = world
    data = export_data(jane.user)
    rows = rows_of(jane.user)
    for key, relation in candidate_data().items():
        if not relation.is_candidate_data:
            continue
        assert rows.get(key), f"the test world has no row for {key}"
        if relation.export:
            values = [value for value in resolve(data, relation.export) if value]
            assert values, f"{key} is not in the export at {relation.export}"


@pytest.mark.parametrize("mode", ["anonymise", "delete"])
def test_the_erasure_leaves_no_registered_row_behind(world, settings, mode):
    settings.ERASURE_SENT_APPLICATIONS = mode
    jane, bob = world
    before = rows_of(jane.user)
    bob_before = rows_of(bob.user)
    registry = candidate_data()
    assert erase_candidate(jane.user)
    for key, (model, pks) in before.items():
        left = model.objects.filter(pk__in=pks)
        relation = registry[key]
        if relation.erasure is Erasure.DELETED or mode == "delete":
            assert not left.exists(), f"{key} left rows behind"
        elif relation.erasure is Erasure.PER_SETTING:
            # Anonymised: still there for HR, no longer tied to the candidate.
            assert not left.filter(candidate__isnull=False).exists(), key
            assert not left.filter(cv__isnull=False).exists(), key
            assert not left.exclude(first_name="").exists(), key
    # The other candidate keeps everything.
    assert {key: pks for key, (_m, pks) in rows_of(bob.user).items()} == {
        key: pks for key, (_m, pks) in bob_before.items()
    }
