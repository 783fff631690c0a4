"""SQL queries per answer, counted inside Django for the API benchmark.

Run inside Django with the benchmark's settings (bench/api_throughput.py calls
`manage.py shell -c "from bench.api_sql import count; count()"` with BENCH_PATHS, a JSON object of name -> path).
Each path is asked twice and the second answer is counted: what a warm app server runs for it. Then, for the
names in BENCH_COLD, the content generation is moved (`cms.generation.content_changed`, what a publish does) and
this process's read of it dropped, and the next answer is counted too: what each worker runs for its first
answer after a publish, every fact it keeps per generation read again.
"""

from __future__ import annotations

import json
import os
import time


def count() -> None:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT="application/json")
    counts = {}
    for name, path in json.loads(os.environ["BENCH_PATHS"]).items():
        client.get(path)
        queries = Statements()
        with connection.execute_wrapper(queries):
            response = client.get(path)
        if response.status_code != 200 or b'"errors"' in response.content:
            raise SystemExit(f"{name} answered {response.status_code}: {response.content[:500]!r}")
        counts[name] = len(queries)
    for name in json.loads(os.environ.get("BENCH_COLD", "[]")):
        counts[f"{name}, cold"] = len(first_after_publish(client, json.loads(os.environ["BENCH_PATHS"])[name]))
    print("COUNTS " + json.dumps(counts))


def first_after_publish(client, path: str) -> Statements:
    """The statements of the first answer to `path` after the content generation moves, as a worker that last
    read the generation over a second ago sends them."""
    from django.db import connection

    from cms import counters
    from cms.generation import content_changed

    content_changed()
    counters.forget()
    queries = Statements()
    with connection.execute_wrapper(queries):
        response = client.get(path)
    if response.status_code != 200 or b'"errors"' in response.content:
        raise SystemExit(f"{path[:80]} answered {response.status_code}: {response.content[:500]!r}")
    return queries


class Statements(list):
    """The SQL a block sends, with each statement's time (a database execute wrapper: Django's own query log is
    emptied when a request starts)."""

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.append((sql, time.perf_counter() - started))
