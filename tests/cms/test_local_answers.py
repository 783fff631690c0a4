"""A worker serves the answers it cached from its own memory, with no round trip to Redis, for as long as the
content generation (a database counter, cms.generation) has not moved: an edit in this process makes them
unreachable on the next request, an edit by another process within the time the counters are kept
(COUNTER_READ_SECONDS), and they are never served past the answer's own time. A Redis server of the test's own,
on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.db.models import F
from django.test import Client

from cms import counters
from cms.generation import CONTENT
from cms.graphql import local_answers
from cms.models import Counter
from config.settings.caching import caches
from tests.cms.test_cached_first import view_calls  # noqa: F401 (a fixture)
from tests.factories import StoryPageFactory
from tests.services import RedisServer

pytestmark = pytest.mark.django_db

STORIES = "{ stories(limit: 5) { title } }"


@pytest.fixture
def own_redis(tmp_path: Path, settings) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = caches(server.url)
    settings.GRAPHQL_CACHE_SECONDS = 300
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


def test_a_cached_answer_is_served_from_memory_with_no_round_trip(own_redis, campaign, client, view_calls) -> None:  # noqa: F811
    StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]  # made, and cached in Redis and in memory
    before = commands(own_redis)
    for _ in range(5):
        assert ask(client) == ["Ada"]
    assert commands(own_redis) - before == 1  # only the INFO of `commands` itself
    assert len(view_calls) == 1


def test_an_edit_in_this_process_is_seen_by_the_next_answer(own_redis, campaign, client, view_calls) -> None:  # noqa: F811
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    story.title = "Ada Lovelace"
    story.save_revision().publish()
    assert ask(client) == ["Ada Lovelace"]
    assert len(view_calls) == 2


def test_an_edit_by_another_process_is_seen_once_the_counters_are_read_again(
    own_redis,
    campaign,
    client,
    view_calls,  # noqa: F811
    settings,
) -> None:
    settings.COUNTER_READ_SECONDS = 0.2
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    # Another process publishes a new title: the row changes and the generation moves there, not here.
    type(story).objects.filter(pk=story.pk).update(title="Ada Lovelace")
    Counter.objects.filter(name=CONTENT).update(value=F("value") + 1)
    time.sleep(0.3)
    assert ask(client) == ["Ada Lovelace"]
    assert len(view_calls) == 2


def test_with_redis_gone_answers_are_worked_out_and_cached_again_once_it_is_back(
    own_redis,
    campaign,
    client,
    view_calls,  # noqa: F811
) -> None:
    story = StoryPageFactory(parent=campaign, title="Ada")
    assert ask(client) == ["Ada"]
    own_redis.stop()
    story.title = "Ada Lovelace"
    story.save_revision().publish()
    assert ask(client) == ["Ada Lovelace"]  # answered, uncached
    own_redis.start()  # empty, as a restarted Redis with nothing on disk is
    own_redis.counter = None
    assert ask(client) == ["Ada Lovelace"]
    before = commands(own_redis)
    assert ask(client) == ["Ada Lovelace"]
    assert commands(own_redis) - before == 1  # from memory once more
    counters.forget()
