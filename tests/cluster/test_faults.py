"""Faults the cluster survives: an app server killed under load, PostgreSQL restarted under the app."""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest
import requests

from tests.cluster.conftest import Cluster, graphql
from tests.cluster.test_two_servers import ANSWERS, INTEREST

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]


def submit(base: str, key: str, client: str) -> tuple[int, dict | None]:
    try:
        response = requests.post(
            f"{base}/graphql/",
            json={"query": INTEREST, "variables": {"values": ANSWERS, "key": key}},
            headers={"Accept": "application/json", "X-Forwarded-For": client},
            timeout=30,
        )
    except requests.ConnectionError:
        return 0, None
    return response.status_code, (response.json() if response.status_code == 200 else None)


def stored_keys(cluster: Cluster, keys: list[str]) -> list[str]:
    with psycopg.connect(cluster.postgres.url("cms")) as connection:
        rows = connection.execute(
            "SELECT key::text FROM partners_interestsubmission WHERE key::text = ANY(%s)", (keys,)
        ).fetchall()
    return [row[0] for row in rows]


def test_a_killed_app_server_loses_no_read_and_stores_no_submission_twice(cluster: Cluster) -> None:
    reads: list[int] = []
    stop = threading.Event()

    def read() -> None:
        n = 0
        while not stop.is_set():
            n += 1  # a new address each time, so nginx's own cache never answers for the app
            try:
                status = requests.get(
                    f"{cluster.front}/graphql/",
                    params={"query": "{ stories(limit: 3) { title } }", "n": str(n)},
                    headers={"Accept": "application/json"},
                    timeout=30,
                ).status_code
            except requests.ConnectionError:
                status = 0
            reads.append(status)

    keys = [str(uuid.uuid4()) for _ in range(12)]
    answers: dict[str, list[int]] = {key: [] for key in keys}

    def write() -> None:
        for index, key in enumerate(keys):
            client = f"10.5.{index}.1"  # each its own client, under the rate limit
            for _ in range(5):  # a client sends a submission again, with its key, until it is answered
                status, body = submit(cluster.front, key, client)
                answers[key].append(status)
                if body is not None and body["data"]["submitInterestForm"]["ok"]:
                    break
                time.sleep(0.2)
            time.sleep(0.1)

    readers = [threading.Thread(target=read) for _ in range(3)]
    writer = threading.Thread(target=write)
    for thread in [*readers, writer]:
        thread.start()
    time.sleep(0.8)
    cluster.servers[0].kill()
    writer.join(timeout=120)
    time.sleep(1.0)
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    cluster.servers[0].start()

    assert len(reads) > 20 and set(reads) == {200}, f"reads answered {sorted(set(reads))}"
    assert all(statuses[-1] == 200 for statuses in answers.values()), answers
    stored = stored_keys(cluster, keys)
    assert sorted(stored) == sorted(keys)  # every submission stored, none twice


def test_the_app_recovers_by_itself_when_postgresql_restarts(cluster: Cluster) -> None:
    for server in (0, 1):
        assert graphql(cluster.direct(server), "{ stories(limit: 1) { title } }", method="POST")["data"]
    cluster.postgres.stop()
    cluster.postgres.start()
    # POST: never from a cache, so every answer needs the database. Each server's threads hold connections
    # from before the restart; each must notice and reconnect, not fail a request.
    for attempt in range(8):
        for server in (0, 1):
            answer = graphql(cluster.direct(server), "{ stories(limit: 2) { title } }", method="POST")
            assert "errors" not in answer and answer["data"]["stories"], (attempt, server, answer)
    key = str(uuid.uuid4())
    status, body = submit(cluster.front, key, "10.4.0.1")
    assert status == 200 and body["data"]["submitInterestForm"]["ok"]
    assert stored_keys(cluster, [key]) == [key]
