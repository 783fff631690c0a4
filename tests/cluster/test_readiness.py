"""`/readyz` on a production app server, with the PostgreSQL, Redis and S3 of the cluster: it turns 503 within
seconds of a part failing, names that part, and turns 200 again when the part is back; through nginx it is served
to the internal network and never cached."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import requests

from tests.cluster.conftest import Cluster
from tests.services import WorkerProcess

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]


def readiness(base: str) -> tuple[int, dict]:
    try:
        response = requests.get(f"{base}/readyz", timeout=10)
    except requests.RequestException as error:
        return 0, {"error": type(error).__name__}
    return response.status_code, response.json()


def within(seconds: float, base: str, wanted: Callable[[int, dict], bool]) -> dict:
    started = time.monotonic()
    status, body = readiness(base)
    while not wanted(status, body):
        if time.monotonic() - started > seconds:
            pytest.fail(f"/readyz did not turn as expected within {seconds:.0f} s: {status} {body}")
        time.sleep(0.3)
        status, body = readiness(base)
    print(f"/readyz {status} after {time.monotonic() - started:.1f} s")
    return body


def test_readyz_follows_postgresql_and_redis_going_and_coming_back(cluster: Cluster) -> None:
    worker = WorkerProcess(cluster.env)
    base = cluster.direct(0)
    try:
        body = within(30, base, lambda status, _: status == 200)
        assert {name for name, check in body["checks"].items() if check["ok"]} == {
            "database", "cache", "media storage", "private storage", "worker"
        }  # fmt: skip
        assert body["checks"]["cache"]["detail"] == "Redis answers"

        cluster.redis.freeze()
        try:
            body = within(10, base, lambda status, _: status == 503)
            assert body["checks"]["cache"]["ok"] is False and body["checks"]["database"]["ok"] is True
        finally:
            cluster.redis.thaw()
        within(10, base, lambda status, _: status == 200)

        cluster.postgres.stop()
        try:
            body = within(10, base, lambda status, _: status == 503)
            assert body["checks"]["database"]["ok"] is False
            assert body["checks"]["cache"]["ok"] is True
        finally:
            cluster.postgres.start()
        within(15, base, lambda status, _: status == 200)
    finally:
        worker.stop()


def test_nginx_passes_health_checks_uncached(cluster: Cluster) -> None:
    for _ in range(2):
        response = requests.get(f"{cluster.front}/healthz", timeout=10)
        assert response.status_code == 200 and response.json() == {"status": "ok"}
        assert response.headers.get("X-Cache-Status") is None  # not through the proxy cache
    response = requests.get(f"{cluster.front}/readyz", timeout=10)
    assert response.status_code in (200, 503) and "checks" in response.json()
