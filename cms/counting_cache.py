"""The cache the intake rate limits count in: Redis, shared by every app server, and this process's memory
while Redis cannot be reached.

The main cache (answers, previews, persisted queries) simply misses while Redis is down: every request is
answered uncached. A rate limit cannot miss: django-ratelimit refuses every request whose count it cannot
read. So counts fall back to memory: during an outage each app process counts on its own, and a client may
make the rate's number of requests in each process it reaches, never an unlimited number.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
WARN_EVERY_SECONDS = 60


class CountingCache(RedisCache):
    """Redis, or this process's memory while Redis cannot be reached; for counters (add, incr, get)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._ignore_exceptions = False  # an outage must reach the fallback, not read as a miss
        self._local = LocMemCache("btcms-counting-fallback", {"OPTIONS": {"MAX_ENTRIES": 20000}})
        self._warned_at = 0.0

    def _fallback(self, error: Exception) -> LocMemCache:
        now = time.monotonic()
        if now - self._warned_at > WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning("Redis cannot be reached (%s); rate limits count in this process until it returns.", error)
        return self._local

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None, **kwargs: Any) -> bool:
        try:
            return super().add(key, value, timeout, version, **kwargs)
        except UNREACHABLE as error:
            return self._fallback(error).add(key, value, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None, **kwargs: Any) -> int:
        try:
            return super().incr(key, delta, version, **kwargs)
        except UNREACHABLE as error:
            return self._fallback(error).incr(key, delta, version)

    def get(self, key: Any, default: Any = None, version: int | None = None, **kwargs: Any) -> Any:
        try:
            return super().get(key, default, version, **kwargs)
        except UNREACHABLE as error:
            return self._fallback(error).get(key, default, version)

    def clear(self) -> None:
        self._local.clear()
        try:
            super().clear()
        except UNREACHABLE as error:
            self._fallback(error)
