"""A batch loader for what many items of one answer ask of the database: one query for a whole list, not one
per item."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BatchLoader(Generic[K, V]):
    """Answers per key, fetched together: a list's resolver primes its items' keys, and the first `load` of any
    key fetches every primed key (and its own) in one call to `fetch`; later loads of those keys are free.

    Synchronous on purpose: graphql-core runs these resolvers synchronously (no event loop is running while a
    field resolves), so aiodataloader's awaitable batching, which waits for the loop to collect keys, would
    never batch anything here. Priming is what gathers the keys instead.
    """

    def __init__(self, fetch: Callable[[set[K]], dict[K, V]], missing: Callable[[], V]) -> None:
        self._fetch = fetch
        self._missing = missing
        self._pending: set[K] = set()
        self._found: dict[K, V] = {}

    def prime(self, keys: Iterable[K]) -> None:
        """Note keys that will be loaded soon, so that they are fetched with the first load."""
        self._pending.update(key for key in keys if key not in self._found)

    def load(self, key: K) -> V:
        if key not in self._found:
            keys = self._pending | {key}
            self._pending = set()
            fetched = self._fetch(keys)
            for each in keys:
                self._found[each] = fetched.get(each, self._missing())
        return self._found[key]
