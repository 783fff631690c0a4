"""Cached answers in each worker's own memory too, served while the content generation is unchanged.

A cached answer lives in Redis, shared by every app server, and reading it there costs a round trip per request:
that made the cache's hit path a fraction of what the same server does with a static file. So each worker also
keeps the answers it served last (`GRAPHQL_LOCAL_ANSWERS_MB` of them, least recently used first out), and serves
one from there while the content generation (`cms.generation`) is the one it was made in. The generation is a
database counter each process reads at most once per `COUNTER_READ_SECONDS`: an edit through any server makes
these answers unreachable on every server within that time, and at once on the one that made it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.conf import settings


def enabled() -> bool:
    """On when answers are shared through Redis; in-process answers are in this memory already."""
    in_process = settings.CACHES["default"]["BACKEND"].startswith("django.core.cache.backends.")
    return not in_process and settings.GRAPHQL_LOCAL_ANSWERS_MB > 0


class Answers:
    """The answers this worker served last, up to a size in bytes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0

    def get(self, key: str, generation: int) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[3] != generation or entry[1] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: tuple) -> None:
        limit = settings.GRAPHQL_LOCAL_ANSWERS_MB * 1024 * 1024
        with self._lock:
            self._drop(key)
            self._entries[key] = entry
            self._bytes += len(entry[0])
            while self._bytes > limit and self._entries:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[0])


local = Answers()
