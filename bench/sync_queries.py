"""The SQL cost of a delta-sync answer: constant in the number of changes it carries.

On the production profile (PostgreSQL, Redis) in a fresh database, it publishes STORIES stories and a few
snippets, brings the sync journal in step as the worker does, then asks `changes(first: N)` for 10, 100
and 500 changes with a page's title, path, teaser and body, and prints the SQL queries and the time of
each answer. The peer, in the same run: the `pages(limit: N)` listing with the same fields.

Run: make bench-sync   (starts its own PostgreSQL and Redis; BENCH_SMOKE=1 for a short run)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import environment, manage, own_services, sized
from bench.migrated import migrated_database

STORIES = int(sized("BENCH_STORIES", 600, 30))

MEASURE = """
import datetime, json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from cms.sync.journal import sync_everything
from stories.models import CampaignIndexPage, StoryPage

campaign = CampaignIndexPage.objects.filter(locale__language_code="en").first()  # the demo's campaign
for n in range({stories}):
    campaign.add_child(instance=StoryPage(
        title=f"Story {{n}}", slug=f"story-{{n}}", student_names="Ada", theme_headline="WE ARE CURIOUS",
        summary="A teaser.", body="<p>Body.</p>", month=datetime.date(2026, 11, 1)))
sync_everything()
SYNC = ("{{ changes(first: %d) {{ items {{ type itemId page {{ title urlPath ... on StoryPage {{ summary body }} }} }} "
        "nextToken }} }}")
PAGES = "{{ pages(limit: %d) {{ id title urlPath ... on StoryPage {{ summary body }} }} }}"
client = Client(HTTP_HOST="localhost")
rows = []
for size in (10, 100, 500):
    for name, query in (("changes", SYNC), ("pages (peer)", PAGES)):
        client.post("/graphql/", {{"query": query % size}}, content_type="application/json")  # warm
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            answer = client.post("/graphql/", {{"query": query % size}}, content_type="application/json").json()
            took = time.perf_counter() - begin
        assert "errors" not in answer, answer["errors"]
        rows.append((name, size, len(queries), took))
print(json.dumps(rows))
"""


def main() -> None:
    with own_services("sync") as services:
        env = environment(services.folder, services.postgres.url("btcms_bench"), services.redis_url(),
                          LOG_LEVEL="ERROR", GRAPHQL_CACHE_SECONDS="0")  # fmt: skip
        print(f"Migrating a fresh PostgreSQL database and publishing {STORIES} stories ...", flush=True)
        migrated_database(services, "btcms_bench", env)
        manage(env, "seed_demo")
        rows = json.loads(manage(env, "shell", "-c", MEASURE.format(stories=STORIES)).strip().splitlines()[-1])
    print(f"\n{'query':<14}{'items':>7}{'SQL queries':>13}{'time':>10}")
    for name, size, queries, took in rows:
        print(f"{name:<14}{size:>7}{queries:>13}{took * 1000:>8.0f} ms")
    ours = {size: queries for name, size, queries, _ in rows if name == "changes"}
    print(
        f"\nchanges: {ours[100]} SQL queries for 100 changes, {ours[500]} for 500 ({ours[500] / ours[100]:.2f}x); "
        f"{ours[10]} for 10, which hold fewer kinds of content (one query per page type or snippet model)"
    )


if __name__ == "__main__":
    main()
