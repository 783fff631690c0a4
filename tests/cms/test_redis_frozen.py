"""A frozen Redis (SIGSTOP: connections open, nothing answers, as in a partition or a failover) under load: every
request is answered, none waits more than one socket timeout on the cache, and an edit made while it is frozen is
in every answer then and after it thaws, none stale. A Redis server of the test's own, on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django_redis.cache import RedisCache

from config.settings.caching import caches
from tests.factories import StoryPageFactory
from tests.services import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)

STORIES = "{ stories(limit: 5) { title } }"
CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "delete_many", "touch", "has_key")


@pytest.fixture
def own_redis(tmp_path: Path, settings) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = caches(server.url)
    settings.GRAPHQL_CACHE_SECONDS = 300
    yield server
    server.thaw()
    server.stop()


@pytest.fixture
def time_in_redis(monkeypatch: pytest.MonkeyPatch) -> dict[int, float]:
    """Seconds each thread has spent in calls that went to Redis."""
    spent: dict[int, float] = {}
    for name in CALLS:
        original = getattr(RedisCache, name)

        def timed(*args, _original=original, **kwargs):
            started = time.monotonic()
            try:
                return _original(*args, **kwargs)
            finally:
                thread = threading.get_ident()
                spent[thread] = spent.get(thread, 0.0) + time.monotonic() - started

        monkeypatch.setattr(RedisCache, name, timed)
    return spent


def titles(client: Client) -> tuple[int, list[str]]:
    response = client.get("/graphql/", {"query": STORIES}, HTTP_ACCEPT="application/json")
    if response.status_code != 200:
        return response.status_code, []
    return 200, [story["title"] for story in response.json()["data"]["stories"]]


def test_a_frozen_redis_costs_a_request_one_timeout_at_most_and_serves_nothing_stale(
    own_redis: RedisServer, campaign, time_in_redis: dict[int, float]
) -> None:
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert titles(Client()) == (200, ["Ada"])
    assert titles(Client()) == (200, ["Ada"])  # cached
    own_redis.freeze()
    story.title = "Ada Lovelace"
    story.save_revision().publish()  # made while the cache cannot be told

    def one_request() -> tuple[int, list[str], float, float]:
        thread = threading.get_ident()
        before = time_in_redis.get(thread, 0.0)
        started = time.monotonic()
        try:
            status, shown = titles(Client())
        finally:
            connections.close_all()
        return status, shown, time.monotonic() - started, time_in_redis.get(thread, 0.0) - before

    with ThreadPoolExecutor(4) as load:
        answers = list(load.map(lambda _: one_request(), range(40)))
    own_redis.thaw()
    after = [titles(Client()) for _ in range(3)]

    durations = sorted(answer[2] for answer in answers)
    print(f"\nfrozen Redis, 40 requests on 4 threads: p50 {durations[20]:.2f} s, max {durations[-1]:.2f} s")
    assert [answer[0] for answer in answers] == [200] * 40  # no errors
    assert all(answer[1] == ["Ada Lovelace"] for answer in answers)  # nothing stale while frozen
    assert after == [(200, ["Ada Lovelace"])] * 3  # nor once it thaws, though Redis still holds the old answer
    waited = max(answer[3] for answer in answers)
    assert waited < 1.5, f"a request waited {waited:.1f} s on the frozen cache"
