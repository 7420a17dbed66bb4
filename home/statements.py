"""Querysets of a fixed shape, built and compiled once per process.

Django builds and compiles a queryset each time it runs: about 1 ms on the
benchmark machine for a routing or listing query, several times what PostgreSQL
takes to run it once prepared. A ``Statement`` builds its queryset once per
database and shape with stand-in values, keeps the SQL and where the stand-ins
sit among its parameters, then runs that SQL with the values of each call and
reads the rows through the compiler's own converters, as the queryset would.

A value that must change the SQL itself (``None``, which becomes ``IS NULL``; a
slice's bounds, written into the SQL) is passed as a keyword: a *constant* of
the shape. Lists (``__in``) are shaped by their length. Whatever the stand-ins
cannot follow (a value the ORM transforms before it reaches the parameters) is
detected when compiling, and that shape runs as a plain queryset.
"""

from __future__ import annotations

import datetime
import itertools
import threading
from collections.abc import Callable, Hashable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import (
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.signals import post_init, pre_init
from modelcluster.models import ClusterableModel
from wagtail.models.pages import AbstractPage, ShowInMenusMixin

#: Shapes kept per statement: beyond, the others run as plain querysets.
MAX_SHAPES = 256

#: Those that do nothing but set the fields for a row read with its id.
_KNOWN_INITS = {
    Model.__init__,
    ClusterableModel.__init__,
    AbstractPage.__init__,
    ShowInMenusMixin.__init__,
}
_plain_inits: dict[tuple[type[Model], tuple[str, ...]], bool] = {}

_numbers = itertools.count(1)
_lock = threading.Lock()


def _stand_in(value: Any) -> Any:
    """A value of the same type as ``value`` that no real value equals."""
    number = next(_numbers)
    if isinstance(value, bool) or value is None:
        raise TypeError("pass booleans and None as constants: they shape the SQL")
    if isinstance(value, int):
        # Negative, and within 32 bits (Django leaves out-of-range lookups out).
        return -(2**31) + 1000 + number
    if isinstance(value, str):
        return f"\x1fstand-in-{number}\x1f"
    if isinstance(value, datetime.datetime):
        raise TypeError("datetimes are not supported")
    if isinstance(value, datetime.date):
        return datetime.date(1000, 1, 1) + datetime.timedelta(days=number)
    raise TypeError(f"no stand-in for {type(value).__name__}")


def _plain_attribute(attribute: Any) -> bool:
    """Setting it stores the value as it is (a foreign key's id clears the
    cached related row first, which a new instance has not)."""
    return not hasattr(attribute, "__set__") or isinstance(
        attribute, ForeignKeyDeferredAttribute
    )


def _plain_init(model: type[Model], names: tuple[str, ...]) -> bool:
    """Whether ``instantiate()`` may skip ``__init__`` for these fields: no
    ``__init__`` but ``_KNOWN_INITS``, no receiver of ``pre_init`` or
    ``post_init``, and no field that converts the value it is given (a
    StreamField does)."""
    known = _plain_inits.get((model, names))
    if known is None:
        inits = {
            vars(klass)["__init__"]
            for klass in model.__mro__
            if "__init__" in vars(klass) and klass is not object
        }
        known = _plain_inits[model, names] = inits <= _KNOWN_INITS and all(
            _plain_attribute(getattr(model, name, None)) for name in names
        )
    return known and not (
        pre_init.has_listeners(model) or post_init.has_listeners(model)
    )


def instantiate(
    model: type[Model], alias: str, names: tuple[str, ...], values: Any
) -> Model:
    """``model.from_db(alias, names, values)``, without the cost of Django's
    ``Model.__init__`` where it would only set the attributes (50 µs for an
    offer whose other fields are deferred; a listing shows twenty)."""
    if not _plain_init(model, names):
        return model.from_db(alias, names, values)
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    state = instance._state = ModelState()
    state.adding = False
    state.db = alias
    return instance


class _Compiled:
    def __init__(self, queryset: QuerySet, stand_ins: list[Any]):
        if queryset._iterable_class not in (ValuesListIterable, ModelIterable) or (
            queryset._prefetch_related_lookups or queryset._known_related_objects
        ):
            raise TypeError("a statement reads tuples (values_list()) or instances")
        self.alias = queryset.db
        self.compiler = compiler = queryset.query.get_compiler(using=self.alias)
        self.sql, params = compiler.as_sql()  # also sets compiler.select, klass_info
        self.instances = queryset._iterable_class is ModelIterable
        if self.instances:  # as ModelIterable reads them
            info = compiler.klass_info
            self.model = info["model"]
            self.start, self.end = (
                info["select_fields"][0],
                info["select_fields"][-1] + 1,
            )
            self.names = tuple(
                column[0].target.attname
                for column in compiler.select[self.start : self.end]
            )
            self.related = get_related_populators(info, compiler.select, self.alias)
            self.annotations = compiler.annotation_col_map
        self.params = list(params)
        ops = connections[self.alias].ops
        self.positions = []  # (index among the parameters, how values are adapted)
        for stand_in in stand_ins:
            # A date reaches SQLite's parameters as text.
            adapt = (
                ops.adapt_datefield_value
                if isinstance(stand_in, datetime.date)
                else None
            )
            wanted = adapt(stand_in) if adapt else stand_in
            found = [
                index
                for index, param in enumerate(self.params)
                if type(param) is type(wanted) and param == wanted
            ]
            if len(found) != 1:
                raise LookupError(stand_in)
            self.positions.append((found[0], adapt))
        select = self.compiler.select[: self.compiler.col_count]
        self.converters = self.compiler.get_converters([column[0] for column in select])

    def run(self, values: list[Any]) -> list[Any]:
        params = self.params.copy()
        for (position, adapt), value in zip(self.positions, values, strict=True):
            params[position] = adapt(value) if adapt else value
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if not self.instances:
            return list(map(tuple, rows))
        instances = []
        for row in rows:
            instance = instantiate(
                self.model, self.alias, self.names, row[self.start : self.end]
            )
            for populator in self.related:
                populator.populate(row, instance)
            for name, position in self.annotations.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


class Statement:
    """``build(*values, **constants)`` returns a queryset of a model's
    instances (``select_related()`` and annotations allowed, no
    ``prefetch_related()``) or of tuples (``values_list()``);
    ``statement(*values, **constants)`` runs it, as a list. Values are ints,
    strings, dates, or lists of them; constants anything hashable."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.shapes: dict[Hashable, _Compiled | None] = {}

    def __call__(self, *values: Any, **constants: Any) -> list[Any]:
        flat: list[Any] = []
        shape: list[Any] = [connections[DEFAULT_DB_ALIAS].vendor]
        for value in values:
            if isinstance(value, list | tuple):
                flat.extend(value)
                shape.append(len(value))
            else:
                flat.append(value)
                shape.append(type(value))
        shape.append(tuple(sorted(constants.items())))
        key = tuple(shape)
        compiled = self.shapes.get(key, False)
        if compiled is False:
            compiled = self._compile(key, values, constants)
        if compiled is None:  # this shape runs as a plain queryset
            return list(self.build(*values, **constants))
        return compiled.run(flat)

    def _compile(
        self, key: Hashable, values: tuple, constants: dict[str, Any]
    ) -> _Compiled | None:
        stand_ins: list[Any] = []
        built: list[Any] = []
        try:
            for value in values:
                if isinstance(value, list | tuple):
                    mine = [_stand_in(item) for item in value]
                    stand_ins.extend(mine)
                    built.append(mine)
                else:
                    built.append(_stand_in(value))
                    stand_ins.append(built[-1])
            compiled = _Compiled(self.build(*built, **constants), stand_ins)
        except (LookupError, TypeError, EmptyResultSet):
            compiled = None
        with _lock:
            if len(self.shapes) < MAX_SHAPES:
                self.shapes[key] = compiled
        return compiled
