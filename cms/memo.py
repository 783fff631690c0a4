"""Facts an answer reads that change only with an edit, kept in each worker's memory between answers.

The locale table, the branches that hide pages, the restricted collections, the district's frontend address:
an uncached answer read each from the database, a round trip apiece for rows that change a few times a year.
A worker keeps each one while the content generation (`cms.graphql.response_cache`) is still the one it was
read in, and no longer than the next instant an answer may change with no edit (a scheduled expiry, a
premiere, a month's end) nor than `KEEP_SECONDS`. While the generation cannot be read (the shared cache is
down, so an edit through another server could not bump it), nothing is kept and each answer reads afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils import timezone

from cms.graphql.response_cache import next_boundary

T = TypeVar("T")

# However long the generation stays the same: an edit made while the shared cache was down bumped nothing.
KEEP_SECONDS = 60

_kept: dict[Hashable, tuple[int, float, float, object]] = {}


def remembered(key: Hashable, read: Callable[[], T], generation: int | None) -> T:
    """`read()`'s value, kept under `key` for the content `generation` it is read in (None: not kept)."""
    if generation is None:
        _kept.clear()
        return read()
    now = time.time()
    entry = _kept.get(key)
    if entry is not None and entry[0] == generation and entry[1] <= now < entry[2]:
        return entry[3]  # type: ignore[return-value]
    value = read()
    until = min(now + KEEP_SECONDS, next_boundary(timezone.now()).timestamp())
    _kept[key] = (generation, now, until, value)
    return value


def forget() -> None:
    """Drop everything kept (tests that change rows without the signals an edit sends)."""
    _kept.clear()
