"""`/healthz` and `/readyz`, for the balancer and the operator (docs/operations.md).

`/healthz` says the process answers, and touches nothing else: a balancer that restarts what fails it must not
restart every app server because the database is down. `/readyz` says whether this server can do its work: the
database, the shared cache, the media and private storages each answer within `READY_CHECK_SECONDS`, and a
worker ticked recently. The checks run side by side, each on a thread of its own, so one that hangs (a frozen
Redis, a database that accepts and never answers) costs the deadline once, not once per check. The answer is
JSON with each check's outcome and time, for an operator: names and durations only, never an address, a key or
an error's text (which can hold a host name or a bucket).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpRequest, JsonResponse

from cms import worker

PROBE_NAME = "readyz-probe"


@dataclass
class Outcome:
    ok: bool
    detail: str
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "detail": self.detail, "ms": round(self.seconds * 1000, 1)}


def check_database() -> Outcome:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()  # this thread's own connection: nothing else will close it
    return Outcome(True, "answers")


def check_cache() -> Outcome:
    """The shared cache (Redis), asked directly: the app's own cache client reads an outage as a miss."""
    cache = settings.CACHES["default"]
    if not cache.get("LOCATION", "").startswith(("redis://", "rediss://", "unix://")):
        return Outcome(True, "this process's memory")
    timeout = settings.READY_CHECK_SECONDS
    client = redis.Redis.from_url(cache["LOCATION"], socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        client.ping()
    finally:
        client.close()
    return Outcome(True, "Redis answers")


def check_storage(name: str) -> Callable[[], Outcome]:
    def check() -> Outcome:
        storages[name].exists(PROBE_NAME)  # a missing file is an answer; an unreachable store raises
        return Outcome(True, "answers")

    return check


def check_worker() -> Outcome:
    try:
        found = worker.liveness()
    finally:
        connection.close()
    if found is None:
        return Outcome(False, "no worker has ticked")
    ago = f"last tick {found.age:.0f} s ago, every {found.interval:.0f} s"
    if found.stale:
        return Outcome(False, f"stale: {ago}")
    if found.failing:
        return Outcome(True, f"{ago}; failing: {', '.join(found.failing)}")
    return Outcome(True, ago)


CHECKS: dict[str, Callable[[], Outcome]] = {
    "database": check_database,
    "cache": check_cache,
    "media storage": check_storage("default"),
    "private storage": check_storage("private"),
    "worker": check_worker,
}


def run_checks(checks: dict[str, Callable[[], Outcome]], deadline: float) -> dict[str, Outcome]:
    """Every check at once, each on its own thread; one still running at the deadline fails as "timed out"."""
    outcomes: dict[str, Outcome] = {}

    def run(name: str, check: Callable[[], Outcome]) -> None:
        started = time.monotonic()
        try:
            outcome = check()
        except Exception as error:  # the operator sees what kind of failure, never its text
            outcome = Outcome(False, f"unreachable ({type(error).__name__})")
        outcome.seconds = time.monotonic() - started
        outcomes[name] = outcome

    threads = [
        threading.Thread(target=run, args=item, daemon=True, name=f"readyz {item[0]}") for item in checks.items()
    ]
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(end - time.monotonic(), 0))
    return {name: outcomes.get(name) or Outcome(False, f"timed out after {deadline:g} s", deadline) for name in checks}


def no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    return no_store(JsonResponse({"status": "ok"}))


def readyz(request: HttpRequest) -> JsonResponse:
    outcomes = run_checks(CHECKS, settings.READY_CHECK_SECONDS)
    ready = all(outcome.ok for outcome in outcomes.values())
    body = {"status": "ready" if ready else "not ready", "checks": {n: o.as_json() for n, o in outcomes.items()}}
    return no_store(JsonResponse(body, status=200 if ready else 503))
