"""The Redis cache, failing fast: a Redis that does not answer costs a request one timeout at most, then nothing.

A lost Redis answers at once with a refused connection, but a frozen one (SIGSTOP, a partition, a failover in
progress) accepts the connection and says nothing: every cache call waits out its one-second socket timeout, and a
request that makes twenty calls waits twenty seconds. So each app process keeps a breaker per Redis server: the
first call that fails opens it, and for `RETRY_SECONDS` (5) every call on every thread answers at once as the cache
would while empty (a miss; a write that keeps nothing). Then one call tries Redis again while the others still skip
it; if it answers, the breaker closes. Failures are logged once per opening, never swallowed silently, and nothing
relies on a cache write having happened: what must reach everyone is decided by the database (cms.counters).

`FallbackRedisCache` answers from this process's memory instead of missing, for what cannot miss (rate limits).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("cms.cache")

UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)


class Breaker:
    """Closed while Redis answers; open for `seconds` after a failure, then half open: one call tries again."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name, self.seconds = name, seconds
        self._lock = threading.Lock()
        self._open_until = 0.0  # 0: closed

    def allows(self) -> bool:
        if self._open_until == 0.0:
            return True
        with self._lock:
            now = time.monotonic()
            if self._open_until == 0.0:
                return True
            if now < self._open_until:
                return False
            self._open_until = now + self.seconds  # this caller tries; the others skip Redis until it has answered
            return True

    def succeeded(self) -> None:
        if self._open_until != 0.0:
            with self._lock:
                self._open_until = 0.0
            logger.warning("Redis at %s answers again: the cache is in use once more.", self.name)

    def failed(self, error: Exception) -> None:
        with self._lock:
            was_closed = self._open_until == 0.0
            self._open_until = time.monotonic() + self.seconds
        if was_closed:
            logger.warning(
                "Redis at %s did not answer (%s): the cache is skipped, trying again every %g s.",
                self.name, error, self.seconds,
            )  # fmt: skip


def _timed_out(error: BaseException | None) -> bool:
    """Whether Redis took too long (frozen, partitioned), as opposed to refusing or dropping a connection."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, (RedisTimeoutError, TimeoutError)):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(server: str, seconds: float) -> Breaker:
    """One breaker per Redis server and process, shared by its threads (Django makes a cache object per thread)."""
    with _breakers_lock:
        return _breakers.setdefault(server, Breaker(server.rsplit("@", 1)[-1], seconds))


class FailFastRedisCache(RedisCache):
    """django-redis's cache, with a breaker in front; an unreachable Redis reads as an empty cache."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.breaker = breaker_for(str(server), float(params.get("RETRY_SECONDS", 5)))

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.breaker.allows():
            return self._unreachable(name, *args, **kwargs)
        call = getattr(RedisCache, name)
        try:
            try:
                result = call(self, *args, **kwargs)
            except UNREACHABLE as error:
                if _timed_out(error):
                    raise
                result = call(self, *args, **kwargs)  # a pooled connection a restarted Redis closed: one more, anew
        except UNREACHABLE as error:
            self.breaker.failed(error)
            return self._unreachable(name, *args, **kwargs)
        self.breaker.succeeded()
        return result

    def _unreachable(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "get":
            return kwargs.get("default", args[1] if len(args) > 1 else None)
        if name == "get_many":
            return {}
        if name in ("add", "has_key", "touch", "delete"):
            return False
        return None

    def get(self, key: Any, default: Any = None, version: int | None = None, client: Any = None) -> Any:
        return self._call("get", key, default, version, client)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def decr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("decr", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def clear(self) -> Any:
        return self._call("clear")


class FallbackRedisCache(FailFastRedisCache):
    """Redis, or this process's memory while Redis cannot be reached; for counters that must not miss."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.local = _fallbacks.setdefault(
            str(server), LocMemCache(f"fallback-{server}", {"OPTIONS": {"MAX_ENTRIES": 20000}})
        )

    def _unreachable(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "get":
            kwargs.pop("client", None)
            args = args[:3]
        return getattr(self.local, name)(*args, **kwargs)

    def clear(self) -> Any:
        self.local.clear()
        return super().clear()


_fallbacks: dict[str, LocMemCache] = {}
