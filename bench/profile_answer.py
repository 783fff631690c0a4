"""Where one GraphQL answer's time goes: pyinstrument's call tree over many uncached answers, and the SQL of one.

Run against any database the settings point at (a benchmark's, say):
    DJANGO_SETTINGS_MODULE=config.settings.production DATABASE_URL=... REDIS_URL=... GRAPHQL_CACHE_SECONDS=0 \\
    .venv/bin/python bench/profile_answer.py '{ display(at: "2023-02-15T12:00:00") { validUntil } }' [repeat]
"""

from __future__ import annotations

import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    import pyinstrument
    from django.db import connection
    from django.test import Client

    from bench.api_sql import Statements

    query, repeat = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100
    path = "/graphql/?" + urllib.parse.urlencode({"query": query})
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT="application/json")
    first = client.get(path)
    if first.status_code != 200 or b'"errors"' in first.content:
        sys.exit(f"answered {first.status_code}: {first.content[:1000]!r}")
    queries = Statements()
    with connection.execute_wrapper(queries):
        client.get(path)
    profiler = pyinstrument.Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(repeat):
            client.get(path)
    each = (time.perf_counter() - started) / repeat * 1000
    print(profiler.output_text(color=False, show_all=False))
    print(f"{len(queries)} SQL queries, {each:.2f} ms an answer over {repeat} (profiled):")
    for number, (sql, seconds) in enumerate(queries, 1):
        print(f"  {number:>2}. {seconds * 1000:6.2f} ms  {sql[:300]}")


if __name__ == "__main__":
    main()
