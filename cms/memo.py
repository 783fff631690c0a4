"""Facts an answer reads that change only with an edit, kept in each worker's memory between answers.

The locale table, the branches that hide pages, the restricted collections, the district's frontend address,
the order of a long list, what a display shows over a stretch of time: an uncached answer read each from the
database, a round trip apiece for rows that change a few times a year. A worker keeps each one while the content
generation (`cms.generation`, a database counter) is still the one it was read in, and no longer than the next
instant an answer may change with no edit (a scheduled expiry, a premiere, a month's end) nor than
`KEEP_SECONDS`. A caller that has no generation to give (None) keeps nothing. At most `MAX_KEPT` values are
kept, the least recently used going first, so keys made of what a client asks for cannot fill a worker's memory.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from django.utils import timezone

from cms.boundaries import next_boundary

T = TypeVar("T")

# However long the generation stays the same: a bound on what an unforeseen change could leave stale.
KEEP_SECONDS = 60
MAX_KEPT = 256

_kept: OrderedDict[Hashable, tuple[int, float, float, object]] = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


def _held(key: Hashable, generation: int) -> object:
    """The value kept under `key` if it was read in `generation` and its time is not up, else `_MISSING`."""
    now = time.time()
    with _lock:
        entry = _kept.get(key)
        if entry is None or entry[0] != generation or not entry[1] <= now < entry[2]:
            return _MISSING
        _kept.move_to_end(key)
        return entry[3]


def _keep(key: Hashable, generation: int, value: object) -> None:
    now = time.time()
    until = min(now + KEEP_SECONDS, next_boundary(timezone.now()).timestamp())
    with _lock:
        _kept[key] = (generation, now, until, value)
        _kept.move_to_end(key)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)


def remembered(key: Hashable, read: Callable[[], T], generation: int | None) -> T:
    """`read()`'s value, kept under `key` for the content `generation` it is read in (None: not kept)."""
    if generation is None:
        forget()
        return read()
    value = _held(key, generation)
    if value is _MISSING:
        value = read()
        _keep(key, generation, value)
    return value  # type: ignore[return-value]


def remembered_from(
    key: Hashable,
    at: datetime.datetime,
    read: Callable[[datetime.datetime], tuple[T, datetime.datetime]],
    generation: int | None,
) -> T:
    """The value for the instant `at`, where `read(at)` gives a value and the instant it holds until: kept under
    `key` like `remembered`, and given for any instant from the one it was read for until that end."""
    if generation is None:
        forget()
        return read(at)[0]
    held = _held(key, generation)
    if held is not _MISSING:
        start, end, value = cast("tuple[datetime.datetime, datetime.datetime, T]", held)  # as `_keep` was given it
        if start <= at < end:
            return value
    value, end = read(at)
    _keep(key, generation, (at, end, value))
    return value


def forget() -> None:
    """Drop everything kept (tests that change rows without the signals an edit sends)."""
    with _lock:
        _kept.clear()
