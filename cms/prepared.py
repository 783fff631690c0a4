"""Reads whose SQL is compiled once per worker: a hot query of a fixed shape binds only its values.

Django compiles a queryset to SQL afresh each time it runs. For a wide read (a story page with its poster,
school and video file joined: some 170 columns) compiling takes longer than PostgreSQL takes to answer. A
`Prepared` read learns its SQL once per worker and shape, by compiling its queryset with two sets of stand-in
values, and from then on runs that SQL with the real values in their places. The rows become instances exactly
as the queryset would make them (its `select_related`, then its `prefetch_related`).

A shape that cannot be learnt safely is never kept: when the two compiles differ in their SQL, or in a parameter
that is not a stand-in (a value the queryset reads for itself, such as the time now), that shape is compiled
every time, as Django does.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.db.models.query import ModelIterable
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)
Value = int | datetime.date | list[int] | tuple[int, ...]

# Stand-ins no real value takes: negative ids, dates a thousand years ago. Within a 32-bit integer, so that no
# lookup's range check turns one into an empty result.
_STAND_IN_ID = -1_000_000_000
_STAND_IN_YEAR = 1000
# Shapes learnt per read, at most (a list's length is part of its shape); past it, a new shape is compiled each time.
MAX_SHAPES = 256


@dataclasses.dataclass(frozen=True)
class _Learnt:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (position in params, position among the flattened values)
    compiler: SQLCompiler
    using: str
    prefetches: tuple[Any, ...]


_UNLEARNABLE = object()


class Prepared(Generic[M]):
    """`build(*values)` read with its SQL compiled once per worker for each shape of its values.

    Values are what varies from one read to the next: ids (ints, or a sequence of them: its length is part of
    the shape), dates and datetimes. Anything else that decides the query belongs in `build` itself, or in
    another `Prepared`.
    """

    def __init__(self, build: Callable[..., QuerySet[M]]) -> None:
        self._build = build
        self._learnt: dict[tuple, _Learnt | object] = {}

    def list(self, *values: Value) -> list[M]:
        shape = tuple(_shape_of(value) for value in values)
        learnt = self._learnt.get(shape)
        if learnt is None and len(self._learnt) < MAX_SHAPES:
            learnt = self._learnt[shape] = self._learn(values)
        if learnt is None or learnt is _UNLEARNABLE:  # past MAX_SHAPES, a new shape is not learnt at all
            return list(self._build(*values))
        assert isinstance(learnt, _Learnt)
        return _run(learnt, _flat(values))

    def _learn(self, values: tuple[Value, ...]) -> _Learnt | object:
        if any(isinstance(value, list | tuple) and not value for value in values):
            return _UNLEARNABLE  # an empty list compiles to no query at all
        first, second = _stand_ins(values, 0), _stand_ins(values, 1)
        try:
            queryset = self._build(*first)
            compiler = queryset.query.get_compiler(queryset.db)
            sql, params = compiler.as_sql()
            other_sql, other_params = self._build(*second).query.get_compiler(queryset.db).as_sql()
        except (EmptyResultSet, ValueError):
            return _UNLEARNABLE  # no query for these stand-ins, or none Django would write
        # Private QuerySet attributes, which django-stubs leave out.
        if queryset._iterable_class is not ModelIterable or queryset._known_related_objects:  # type: ignore[attr-defined]
            return _UNLEARNABLE  # rows made into something else, or joined to objects the read was built from
        if sql != other_sql or len(params) != len(other_params):
            return _UNLEARNABLE
        first_flat, second_flat = _flat(first), _flat(second)
        slots = []
        for position, (one, other) in enumerate(zip(params, other_params, strict=True)):
            if one == other and one not in first_flat:
                continue  # a constant of the query
            index = next((i for i, value in enumerate(first_flat) if value == one), None)
            if index is None or second_flat[index] != other:
                return _UNLEARNABLE  # a value the query reads for itself: it may differ at every read
            slots.append((position, index))
        return _Learnt(sql, tuple(params), tuple(slots), compiler, queryset.db, queryset._prefetch_related_lookups)  # type: ignore[attr-defined]


def _run(learnt: _Learnt, values: list[Any]) -> list[Any]:
    params = list(learnt.params)
    for position, index in learnt.slots:
        params[position] = values[index]
    compiler = copy.copy(learnt.compiler)
    compiler.connection = connections[learnt.using]  # this thread's connection, not the one it was learnt on
    compiler.using = learnt.using
    compiler.as_sql = lambda *args, **kwargs: (learnt.sql, tuple(params))  # type: ignore[method-assign]
    items: list[Any] = list(ModelIterable(_Compiled(compiler, learnt.using)))  # type: ignore[arg-type]
    if learnt.prefetches:
        prefetch_related_objects(items, *learnt.prefetches)
    return items


class _Compiled:
    """What a ModelIterable reads of its queryset, for a compiler that is ready to run."""

    _known_related_objects: dict[Any, Any]

    def __init__(self, compiler: SQLCompiler, using: str) -> None:
        self.query, self.db, self._known_related_objects = self, using, {}
        self._compiler = compiler

    def get_compiler(self, using: str | None = None, **kwargs: Any) -> SQLCompiler:
        return self._compiler


def _shape_of(value: Value) -> tuple:
    if isinstance(value, list | tuple):
        if all(_is_id(item) for item in value):
            return (list, len(value))
    elif _is_id(value) or isinstance(value, datetime.date):
        return (type(value),)
    raise TypeError(f"a prepared read takes ids (or sequences of them), dates and datetimes; got {value!r}")


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _flat(values: Sequence[Value]) -> list[Any]:
    return [item for value in values for item in (value if isinstance(value, list | tuple) else (value,))]


def _stand_ins(values: tuple[Value, ...], which: int) -> list[Value]:
    """Values of the same types and lengths, each distinct from every other, in either set, and from any real one."""
    counter = iter(range(which * 10_000, (which + 1) * 10_000))

    def stand_in(value: Any) -> Any:
        n = next(counter)
        if isinstance(value, datetime.datetime):
            return datetime.datetime(_STAND_IN_YEAR, 1, 1, tzinfo=value.tzinfo) + datetime.timedelta(days=n)
        if isinstance(value, datetime.date):
            return datetime.date(_STAND_IN_YEAR, 1, 1) + datetime.timedelta(days=n)
        return _STAND_IN_ID - n

    return [
        [stand_in(item) for item in value] if isinstance(value, list | tuple) else stand_in(value) for value in values
    ]
