"""Redis stopped and started again under the app: a Redis server of the test's own, on loopback.

While it is down, public queries are answered (uncached, no 5xx), intake stores submissions and counts its
rate limit in memory, and admin works; once it is back, answers are cached there again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from config.settings.caching import caches
from partners.intake.interest import InterestSubmission
from stories.models import StoryPage
from tests.factories import StoryPageFactory
from tests.services import RedisServer

pytestmark = pytest.mark.django_db

INTEREST = """
mutation($values: [FormValueInput!]!) {
  submitInterestForm(slug: "interest-form", values: $values) { ok errors { field code messages } }
}"""
STORIES = "{ stories(limit: 5) { title } }"


@pytest.fixture
def own_redis(tmp_path: Path, settings) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = caches(server.url, retry_seconds=0.5)
    settings.GRAPHQL_CACHE_SECONDS = 300
    yield server
    server.stop()


def ask(client: Client, query: str) -> dict:
    response = client.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_app_answers_stores_and_limits_while_redis_is_down_and_caches_again_once_it_is_back(
    own_redis: RedisServer, campaign, interest_form, interest_answers, client: Client
) -> None:
    StoryPageFactory(parent=campaign, slug="ada", title="Ada")
    expected = ask(client, STORIES)
    assert expected["data"]["stories"] and own_redis.keys() > 0  # kept in Redis

    own_redis.stop()
    started = time.monotonic()
    for _ in range(20):
        assert ask(client, STORIES) == expected
    assert time.monotonic() - started < 10  # no request waits on the lost server

    # An edit made meanwhile is seen at once: nothing answers from a cache it cannot reach.
    story = StoryPage.objects.get(slug="ada")
    story.title = "Ada Lovelace"
    story.save_revision().publish()
    assert "Ada Lovelace" in str(ask(client, STORIES))

    # Intake stores every submission, and its rate limit still holds, counted in this process.
    django_settings.INTAKE_SUBMIT_RATE = "2/m"
    results = [client.post("/graphql/", {"query": INTEREST, "variables": {"values": interest_answers}},
                           content_type="application/json").json()["data"]["submitInterestForm"]
               for _ in range(3)]  # fmt: skip
    assert [result["ok"] for result in results] == [True, True, False]
    assert results[2]["errors"][0]["code"] == "RATE_LIMITED"
    assert InterestSubmission.objects.count() == 2

    # Admin works: sessions live in the database.
    get_user_model().objects.create_superuser("editor", "editor@district.example", "a-long-password-1")
    assert client.post("/admin/login/", {"username": "editor", "password": "a-long-password-1"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{story.pk}/edit/").status_code == 200
    client.logout()

    own_redis.start()
    assert own_redis.keys() == 0
    time.sleep(0.6)  # each process tries Redis again RETRY_SECONDS after it last failed
    # (What this worker answered meanwhile it kept in its own memory, under the database's generation.)
    ask(client, "{ stories(limit: 4) { title } }")
    assert own_redis.keys() > 0  # answers are kept again
