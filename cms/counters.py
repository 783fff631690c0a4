"""Numbers the database decides, read by every process without trusting a cache write.

Some changes must reach every app server whatever state the cache is in: an emergency alert issued, changed or
ended, a screen's credential revoked. A cache write can fail with no error reaching the writer (Redis frozen,
partitioned or failing over; a process with a cache of its own), so such a change moves a counter row in the same
transaction as the change itself. Everyone who reads the counter after the commit sees it, on every process, and
caches are keyed by it: what they hold for an older number is never read again.

Each process keeps the numbers it read for `COUNTER_READ_SECONDS` (one second in production), so a fleet polling
them costs one small query per process per second; a change made in this process is read afresh at once. What the
process shares holds committed numbers only: inside a transaction the numbers are read for that thread alone, so no
other request keys what it reads by a number whose change it cannot see yet. While the database cannot be reached
the last numbers read stay in use: nothing can change meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction

from cms.models import Counter

logger = logging.getLogger("cms.counters")

_shared: tuple[float, dict[str, int]] | None = None
_local = threading.local()
_in_answers: set[str] = set()


def declare(name: str, *, in_answers: bool = False) -> str:
    """Name a counter; `in_answers`: cached public answers (GraphQL, site pages) are kept per its value too."""
    if in_answers:
        _in_answers.add(name)
    return name


def _read() -> dict[str, int]:
    return dict(Counter.objects.values_list("name", "value"))


def values(*, fresh: bool = False) -> dict[str, int]:
    """Every counter's value (a counter never moved reads as missing). `fresh`: read now, not what this process
    read within the last second, for an answer that must agree with a number the asker heard from another process
    (a screen that heard the alerts move asks for its alerts, maybe of another app server)."""
    global _shared
    now = time.monotonic()
    if transaction.get_connection().in_atomic_block:
        kept = getattr(_local, "values", None)
        if fresh or kept is None or now - kept[0] >= settings.COUNTER_READ_SECONDS:
            kept = _local.values = (now, _read())
        return kept[1]
    kept = _shared
    if not fresh and kept is not None and now - kept[0] < settings.COUNTER_READ_SECONDS:
        return kept[1]
    try:
        found = _read()
    except DatabaseError:
        if kept is None:
            raise
        logger.warning("The database cannot be reached: counters keep the values read %.0f s ago.", now - kept[0])
        _shared = (now - settings.COUNTER_READ_SECONDS + 1.0, kept[1])  # try again in a second
        return kept[1]
    _shared = (now, found)
    return found


def value(name: str) -> int:
    return values().get(name, 0)


def answer_stamp() -> int:
    """One number for the counters public answers are kept per (ints hash alike in every process)."""
    found = values()
    return hash(tuple(found.get(name, 0) for name in sorted(_in_answers)))


def bump(name: str) -> int:
    """Move the counter, in the caller's transaction, and return its new value: every process reads it once it
    commits, this thread at once. The value is past the old one and past the clock in microseconds, so a number
    from a change that was rolled back is not handed out again by the next one."""
    now = time.time_ns() // 1000
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(_BUMP, [now, now, name])
        row = cursor.fetchone()
    if row is None:
        try:
            with transaction.atomic():
                Counter.objects.create(name=name, value=now)
            moved = now
        except IntegrityError:  # made meanwhile by another transaction
            return bump(name)
    else:
        moved = row[0]
    _moved(name, moved)
    return moved


# Portable SQL (PostgreSQL, and SQLite from 3.35): the new value and no second statement to read it.
_BUMP = (
    "UPDATE cms_counter SET value = CASE WHEN value + 1 > %s THEN value + 1 ELSE %s END WHERE name = %s RETURNING value"
)


def _moved(name: str, moved: int) -> None:
    """This thread sees its own change at once; the process's shared numbers take it once it is committed."""
    if transaction.get_connection().in_atomic_block:
        kept = getattr(_local, "values", None)
        _local.values = (kept[0], {**kept[1], name: moved}) if kept is not None else (time.monotonic(), _read())
        transaction.on_commit(lambda: _share(name, moved))
    else:
        _share(name, moved)


def _share(name: str, moved: int) -> None:
    global _shared
    kept = _shared
    if kept is not None:
        _shared = (kept[0], {**kept[1], name: moved})


def forget() -> None:
    """Read every counter afresh next time (this thread's and this process's)."""
    global _shared
    _shared = None
    _local.values = None
