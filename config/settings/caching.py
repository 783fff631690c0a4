"""The caches: this process's memory by default; with REDIS_URL, Redis shared by every app server, built to
keep answering while Redis is down (docs/deploy.md, "Redis")."""


def caches(redis_url: str | None, prefix: str = "btcms", retry_seconds: float = 5) -> dict[str, dict]:
    """CACHES for a Redis URL, or for none.

    With Redis, "default" (answers, previews, persisted queries, screen heartbeats) reads a Redis outage as a
    miss: public queries are answered uncached, and a Redis that does not answer costs a request one
    one-second timeout at most, then is skipped for `RETRY_SECONDS` (cms/resilient_cache.py). "counting" holds
    the intake rate limits, in this process's memory while Redis is down.
    """
    if not redis_url:
        # In one process: enough entries for a fleet's heartbeats between two flushes.
        memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}}
        return {"default": memory, "counting": {**memory, "LOCATION": "counting"}}
    options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }
    return {
        "default": {
            "BACKEND": "cms.resilient_cache.FailFastRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "RETRY_SECONDS": retry_seconds,
            "OPTIONS": options,
        },
        "counting": {
            "BACKEND": "cms.resilient_cache.FallbackRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "RETRY_SECONDS": retry_seconds,
            "OPTIONS": options,
        },
    }


def is_shared(cache: dict) -> bool:
    """Whether every process reaches the same entries through this cache (Redis), not each its own memory."""
    return cache["BACKEND"] not in (
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    )


def refuse_unshared(workers: int, cache: dict) -> None:
    """Several worker processes must share one cache: with a cache each, an edit, an all-clear or a revoked screen
    made through one process leaves the others answering from what they kept (a page unpublished shown on, the
    alerts of one process against another's). One process (`make run`) may keep its own."""
    if workers > 1 and not is_shared(cache):
        raise RuntimeError(
            f"{workers} worker processes need a cache they share, and none is set: set REDIS_URL "
            "(see README.md, 'Deploy'), or run one worker process (WEB_CONCURRENCY=1)."
        )
