"""A worker serves the answers it kept from its own memory, with no round trip to Redis, for as long as Redis's
channel says the content generation has not moved: a bump by any server (here a raw Redis client, as another
server's would be) makes them unreachable on the next request, and a lost channel sends every request to Redis
until it is heard again. A Redis server of the test's own, on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from cms.graphql import local_answers, response_cache
from config.settings.caching import caches
from tests.cms.test_kept_answers import view_calls  # noqa: F401 (a fixture)
from tests.factories import StoryPageFactory
from tests.services import RedisServer

pytestmark = pytest.mark.django_db

STORIES = "{ stories(limit: 5) { title } }"


@pytest.fixture
def own_redis(tmp_path: Path, settings, monkeypatch) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = caches(server.url)
    settings.GRAPHQL_CACHE_SECONDS = 300
    monkeypatch.setattr(response_cache, "listener", local_answers.Listener(response_cache.known_generation))
    monkeypatch.setattr(local_answers, "RETRY_SECONDS", 0)
    local_answers.local.clear()
    yield server
    local_answers.local.clear()
    server.stop()


def ask(client: Client) -> list[str]:
    response = client.get("/graphql/", {"query": STORIES}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return [story["title"] for story in response.json()["data"]["stories"]]


def commands(server: RedisServer) -> int:
    """Commands Redis has run so far, asked on one connection: between two calls, the first INFO counts."""
    if getattr(server, "counter", None) is None:
        server.counter = redis.Redis(port=server.port)
    return int(server.counter.info("stats")["total_commands_processed"])


def bump_from_another_server(server: RedisServer) -> None:
    other = redis.Redis(port=server.port)
    bumped = other.incr(cache.make_key(response_cache.GENERATION_KEY))
    other.publish(local_answers.channel(), bumped)


def test_a_kept_answer_is_served_from_memory_with_no_round_trip(own_redis, campaign, client, view_calls) -> None:  # noqa: F811
    StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]  # made, and kept in Redis
    listening()
    assert ask(client) == ["Ada"]  # read from Redis once more, and kept in memory
    before = commands(own_redis)
    for _ in range(5):
        assert ask(client) == ["Ada"]
    assert commands(own_redis) - before == 1  # only the INFO of `commands` itself
    assert len(view_calls) == 1


def listening() -> None:
    """Wait until this worker's subscription is confirmed: until then (it may take a round trip after the first
    answer) nothing is served from memory, and the confirmation empties what was kept before it."""
    deadline = time.monotonic() + 5
    while response_cache.listener.generation() is None:
        assert time.monotonic() < deadline, "the subscription was never confirmed"
        time.sleep(0.01)


def test_a_bump_by_another_server_is_heard_before_the_next_answer(own_redis, campaign, client, view_calls) -> None:  # noqa: F811
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    assert ask(client) == ["Ada"]
    # Another server publishes a new title: the row changes and the generation is bumped there, not here.
    type(story).objects.filter(pk=story.pk).update(title="Ada Lovelace")
    bump_from_another_server(own_redis)
    assert ask(client) == ["Ada Lovelace"]
    assert len(view_calls) == 2


def test_a_lost_channel_sends_every_request_to_redis_until_it_is_heard_again(
    own_redis,
    campaign,
    client,
    view_calls,  # noqa: F811
) -> None:
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    own_redis.stop()
    type(story).objects.filter(pk=story.pk).update(title="Ada Lovelace")
    assert ask(client) == ["Ada Lovelace"]  # answered, uncached: nothing kept in memory outlives the channel
    own_redis.start()  # empty, as a restarted Redis with nothing on disk is
    own_redis.counter = None
    for _ in range(3):  # kept in Redis, the channel heard again, then kept in memory
        assert ask(client) == ["Ada Lovelace"]
    before = commands(own_redis)
    assert ask(client) == ["Ada Lovelace"]
    assert ask(client) == ["Ada Lovelace"]
    assert commands(own_redis) - before == 1  # heard again: from memory once more


def test_bumps_heard_out_of_order_leave_the_worker_at_the_latest(own_redis, campaign, client) -> None:
    StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    ask(client)  # the channel confirmed
    other, key = redis.Redis(port=own_redis.port), cache.make_key(response_cache.GENERATION_KEY)
    first, second = other.incr(key), other.incr(key)  # two servers bump at once ...
    other.publish(local_answers.channel(), second)
    other.publish(local_answers.channel(), first)  # ... and the first publish arrives last
    assert response_cache.listener.generation() == second
