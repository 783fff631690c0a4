"""The caches: this process's memory by default; with REDIS_URL, Redis shared by every app server, built to
keep answering while Redis is down (docs/deploy.md, "Redis")."""


def caches(redis_url: str | None, prefix: str = "btcms") -> dict[str, dict]:
    """CACHES for a Redis URL, or for none.

    With Redis, "default" (answers, previews, persisted queries, screen heartbeats) reads a Redis outage as a
    miss: public queries are answered uncached and nothing waits long on a lost server (one-second
    timeouts). "counting" holds the intake rate limits, in this process's memory while Redis is down
    (cms/counting_cache.py).
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
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True},
        },
        "counting": {
            "BACKEND": "cms.counting_cache.CountingCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        },
    }
