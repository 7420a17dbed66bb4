"""Writing the search index in bulk: bulk loaders (the demo loader, the benchmark
seeder) save many pages at once, and indexing each page at every save costs more
than the saves themselves."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task

_state = threading.local()


def _pending() -> dict[type[models.Model], set] | None:
    return getattr(_state, "pending", None)


def index_object(instance: models.Model) -> None:
    """Indexes the stored row of ``instance`` (not the instance, which may carry
    an unpublished draft) as Wagtail's own signal does, or at the end of the
    current ``deferred_indexing()`` block."""
    pending = _pending()
    if pending is None:
        meta = instance._meta
        insert_or_update_object_task.enqueue(
            meta.app_label, meta.model_name, str(instance.pk)
        )
    else:
        pending[instance._meta.concrete_model].add(instance.pk)


def _note_saved(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    if not kwargs.get("raw", False):
        index_object(instance)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Within the block, saved objects are not indexed one by one: each is indexed
    once, in bulk, when the block ends (inside the caller's transaction, if any)."""
    if _pending() is not None:  # nested: the outer block indexes
        yield
        return
    indexed_models = [
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    _state.pending = defaultdict(set)
    for model in indexed_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(_note_saved, sender=model)
    try:
        yield
        pending = _state.pending
    finally:
        for model in indexed_models:
            post_save.disconnect(_note_saved, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
        _state.pending = None
    for model, pks in pending.items():
        queryset = model._default_manager.filter(pk__in=pks)
        if hasattr(queryset, "specific"):  # pages: index their most specific form
            queryset = queryset.specific()
        by_class: dict[type[models.Model], list] = defaultdict(list)
        for obj in queryset:
            by_class[type(obj)].append(obj)
        for backend in get_search_backends(with_auto_update=True):
            for cls, objects in by_class.items():
                backend.add_bulk(cls, objects)
