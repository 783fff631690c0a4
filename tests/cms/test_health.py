"""`/healthz` and `/readyz`: the process answers; this server can do its work, and says which part cannot."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from cms import health
from cms.models import WorkerBeat
from config.settings.caching import caches
from tests.services import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)  # the checks read the database on threads of their own


@pytest.fixture
def ticking() -> None:
    WorkerBeat.objects.create(name="worker-1", last_tick_at=timezone.now(), interval_seconds=30)


@pytest.fixture
def own_redis(tmp_path: Path, settings) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = caches(server.url)
    yield server
    server.thaw() if server.process and server.process.poll() is None else None
    server.stop()


def ready(client: Client) -> tuple[int, dict]:
    response = client.get("/readyz")
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_when_every_part_answers(client, ticking) -> None:
    status, body = ready(client)
    assert status == 200, body
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "media storage", "private storage", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "last tick 0 s ago, every 30 s" in body["checks"]["worker"]["detail"]


def test_readyz_says_when_no_worker_ticks_or_the_last_tick_is_stale(client) -> None:
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["worker"] == {"ok": False, "detail": "no worker has ticked", "ms": pytest.approx(0, abs=2000)}
    WorkerBeat.objects.create(name="worker-1", last_tick_at=timezone.now() - timedelta(seconds=95), interval_seconds=30)
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["worker"]["detail"].startswith("stale: last tick 95 s ago")


def test_a_part_that_hangs_costs_the_deadline_once_and_is_named(client, ticking, settings, monkeypatch) -> None:
    settings.READY_CHECK_SECONDS = 0.5

    def hangs() -> health.Outcome:
        time.sleep(5)
        return health.Outcome(True, "too late")

    monkeypatch.setitem(health.CHECKS, "media storage", hangs)
    monkeypatch.setitem(health.CHECKS, "private storage", hangs)
    started = time.monotonic()
    status, body = ready(client)
    assert time.monotonic() - started < 3  # both hung checks together cost one deadline, not two sleeps
    assert status == 503
    assert body["checks"]["media storage"] == {"ok": False, "detail": "timed out after 0.5 s", "ms": 500.0}
    assert body["checks"]["database"]["ok"]


def test_a_stopped_or_frozen_redis_turns_readyz_503_and_back(client, ticking, own_redis, settings) -> None:
    settings.READY_CHECK_SECONDS = 0.5
    status, body = ready(client)
    assert status == 200, body
    assert body["checks"]["cache"]["detail"] == "Redis answers"

    own_redis.freeze()
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["cache"]["ok"] is False
    own_redis.thaw()
    assert ready(client)[0] == 200

    own_redis.stop()
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["cache"] == {
        "ok": False,
        "detail": "unreachable (ConnectionError)",
        "ms": body["checks"]["cache"]["ms"],
    }
    # The rest of the site still answers without the cache.
    assert client.get("/healthz").status_code == 200
    own_redis.start()
    assert ready(client)[0] == 200


def test_readyz_names_no_address_key_or_error_text(client, ticking, own_redis, settings) -> None:
    own_redis.stop()
    response = client.get("/readyz")
    text = response.content.decode()
    assert str(own_redis.port) not in text
    assert "127.0.0.1" not in text and "redis://" not in text
    assert settings.SECRET_KEY not in text
