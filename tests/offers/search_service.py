"""A search backend for the tests that answers as a search service (OpenSearch,
Elasticsearch) does: the objects found, with no queryset behind them. It finds
them with the database backend, so that both answers can be compared."""

from __future__ import annotations

from modelsearch.backends.database import SearchBackend as database_backend


class ObjectsFound:
    def __init__(self, objects: list):
        self.objects = objects

    def __iter__(self):
        return iter(self.objects)

    def __len__(self) -> int:
        return len(self.objects)


class ServiceLikeBackend:
    def __init__(self, params: dict):
        self.database = database_backend(params)

    def __getattr__(self, name: str):
        return getattr(self.database, name)

    def search(self, *args, **kwargs) -> ObjectsFound:
        return ObjectsFound(list(self.database.search(*args, **kwargs)))


SearchBackend = ServiceLikeBackend
