"""Speed of the GraphQL API beside its peers, measured side by side in one run on this machine.

Builds two sites in throwaway PostgreSQL databases, both with their media on S3 (moto's server, started here on
loopback): the demo grown to 100 stories, and the same grown to 10,000. Serves them with the production profile
(gunicorn with config/gunicorn.conf.py, PostgreSQL, Redis, whitenoise), puts nginx in front with the proxy cache
of config/nginx/cms.conf, and drives every endpoint with wrk (Debian's, a process of its own) on loopback.

Each of three runs measures, on the 10,000-story site (the two sides of each ratio that is a target taking turns
second by second, ten seconds each, so that what else the machine does falls on both alike; the ratio is the
median over those ten neighbouring pairs of seconds):
- cached GraphQL display answers against the same JSON bytes as a static file from the same server, for the
  benchmark's light display query and for the one a hallway display really sends (`display.js`, built by the
  display's own code: bench/api_queries.py);
- the nginx proxy cache in front of it (req/s and hit rate), and nginx serving the static file itself, for scale;
- the uncached display, both queries (p50 on one connection, req/s under load), and the uncached listing against
  Wagtail's API v2 on the same listing;
- a fresh server's cold start to its first answer and each worker's memory after 2,000 requests of its own;
and on both sites, one connection each: the listing, both displays, a search and a page at 90% of the stories,
with the SQL queries each costs; then, after a real publish, the display.js query's first answer in each worker
with every fact it keeps per content generation cold, beside its next (bench/api_cold.py), and the SQL of that
first answer. Then it prints the range of the three runs with each target beside it (bench/api_report.py).

Run: make bench-api   (starts its own PostgreSQL and Redis; wrk and nginx from Debian; BENCH_SMOKE=1 for a short
run at small sizes)
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api_cold import Publisher, first_answers
from bench.api_load import (
    alternating,
    first_answer,
    get,
    hit_rate,
    warm,
    with_cache_log,
    worker_memory,
    wrk,
)
from bench.api_queries import API_V2, API_V2_NAME, DISPLAY, LISTING, display_js_path, graphql, scale_paths
from bench.api_report import Setup, report
from bench.common import SMOKE, AppServer, Services, environment, manage, own_services, sized
from bench.migrated import migrated_database
from tests.services import Balancer, s3_buckets

SMALL, LARGE = int(sized("BENCH_SMALL", 100, 30)), int(sized("BENCH_STORIES", 10000, 300))
SECONDS = sized("BENCH_SECONDS", 5.0, 1.0)
RUNS = int(sized("BENCH_RUNS", 3, 1))
CONNECTIONS = int(sized("BENCH_CONNECTIONS", 8, 4))
# config/gunicorn.conf.py's own default (2 x cores + 1), as production runs it unless WEB_CONCURRENCY is set.
WORKERS = os.environ.get("WEB_CONCURRENCY", "2" if SMOKE else str(multiprocessing.cpu_count() * 2 + 1))
POSTERS = int(sized("BENCH_POSTERS", 100, 10))  # the stories share these posters, each made and sized once
MEMORY_REQUESTS = int(sized("BENCH_MEMORY_REQUESTS", 2000, 100))  # per worker, before its memory is read
# Each load is warmed until steady, for at most 10 s in a smoke run and 90 s in a full one, then measured as it is
# (said so when unsteady: a machine busy with other work can keep the slowest load from settling).
WARMING = (10 if SMOKE else 90, False)
COLD_ROUNDS = int(sized("BENCH_COLD_ROUNDS", 4, 1))  # publishes per site and run, each timed in every worker
DISPLAY_JS = display_js_path()  # what a hallway display sends (displays/static/displays/display.js)


def paths(stories: int) -> dict[str, str]:
    return scale_paths(stories, DISPLAY_JS)


class Site:
    """One database of stories with the environments of its cached and uncached app servers."""

    def __init__(self, stories: int, redis_db: int, services: Services, s3: dict[str, str]) -> None:
        self.stories, self.database, self.services = stories, f"btcms_bench_{stories}", services
        self.env = environment(services.folder, services.postgres.url(self.database), services.redis_url(redis_db),
                               WEB_CONCURRENCY=WORKERS, **s3)  # fmt: skip
        self.uncached_env = {**self.env, "GRAPHQL_CACHE_SECONDS": "0"}

    def build(self, template: str | None = None) -> None:
        import psycopg

        if template:
            self.services.database(self.database, template)
        else:
            migrated_database(self.services, self.database, self.env)
        started = time.monotonic()
        manage(self.env, "shell", "-c", f"from bench.api_seed import grow; grow({self.stories}, {POSTERS})")
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as database:
            database.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load, before the planner's choice
        print(f"  {self.database}: {self.stories} stories in {time.monotonic() - started:.0f} s", flush=True)

    def sql_counts(self) -> dict[str, int]:
        env = {**self.uncached_env, "BENCH_PATHS": json.dumps(paths(self.stories)), "BENCH_COLD": '["display.js"]'}
        out = manage(env, "shell", "-c", "from bench.api_sql import count; count()")
        return json.loads(next(line for line in out.splitlines() if line.startswith("COUNTS "))[7:])


def cold_start_and_memory(site: Site) -> tuple[float, list[tuple[float, float]]]:
    """A fresh uncached server: seconds to its first display answer, then each worker's (RSS, PSS) after 2,000
    requests (MEMORY_REQUESTS) each of the four public reads in turn."""
    server = AppServer(site.uncached_env, "fresh")
    started = time.monotonic()
    server.start()
    seconds = first_answer(server.port, graphql(DISPLAY), started)
    try:
        served = 0
        while served < MEMORY_REQUESTS * int(WORKERS):
            served += wrk(server.port, list(paths(site.stories).values()), 2, 4)["requests"]
        return seconds, worker_memory(server.process.pid)
    finally:
        server.stop()


def measure(large: Site, small: Site, servers: dict[str, int], log: Path, cold: dict) -> dict[str, dict]:
    load = {
        "static file (same server)": (servers["cached"], "/static/bench/display.json"),
        "GraphQL display, cached": (servers["cached"], graphql(DISPLAY)),
        "static file, display.js bytes": (servers["cached"], "/static/bench/display-js.json"),
        "display.js query, cached": (servers["cached"], DISPLAY_JS),
        "nginx proxy cache, display": (servers["proxy"], graphql(DISPLAY)),
        "nginx static file (scale)": (servers["proxy"], "/nginx-static/bench/display.json"),
        "GraphQL display, uncached": (servers["uncached"], graphql(DISPLAY)),
        "display.js query, uncached": (servers["uncached"], DISPLAY_JS),
        "GraphQL listing, uncached": (servers["uncached"], graphql(LISTING)),
        API_V2_NAME: (servers["uncached"], API_V2),
    }
    figures: dict[str, dict] = {}
    # Where the ratio of two figures is a target, the two take turns.
    for pair in (
        ("static file (same server)", "GraphQL display, cached", "static file, display.js bytes",
         "display.js query, cached"),
        ("GraphQL listing, uncached", API_V2_NAME),
    ):  # fmt: skip
        paired = {name: load.pop(name) for name in pair}
        for port, path in paired.values():
            warm(port, path, CONNECTIONS, *WARMING)  # every worker warm (its connections, its own kept answers) first
        figures.update(alternating(paired, CONNECTIONS, slices=2 * round(SECONDS)))
    for name, (port, path) in load.items():
        warm(port, path, CONNECTIONS, *WARMING)
        log.write_text("")
        figures[name] = wrk(port, [path], SECONDS, CONNECTIONS)
        if name.startswith("nginx proxy"):
            figures[name]["hit_rate"] = hit_rate(log)
    figures["display p50, one connection"] = wrk(servers["uncached"], [graphql(DISPLAY)], SECONDS, 1)
    figures["display.js p50, one connection"] = wrk(servers["uncached"], [DISPLAY_JS], SECONDS, 1)
    for site, port in ((small, servers["small"]), (large, servers["uncached"])):
        for name, path in paths(site.stories).items():
            figures[f"{site.stories}:{name}"] = wrk(port, [path], 1 if SMOKE else max(2, SECONDS // 2), 1)
    for name, (server, publisher) in cold.items():
        figures[f"cold:{name}"] = first_answers(server.process.pid, server.port, DISPLAY_JS, publisher, COLD_ROUNDS)
    figures["cold start"], figures["memory"] = cold_start_and_memory(large)
    return figures


def env_threads() -> str:
    return os.environ.get("GUNICORN_THREADS", "4")


def main() -> None:
    with own_services("api") as services:
        run(services)


def run(services: Services) -> None:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request otherwise
    workdir = services.folder
    s3_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3_server.start()
    host, port = s3_server.get_host_and_port()
    s3 = s3_buckets(f"http://{host}:{port}", "bench-media", "bench-private")
    small, large = Site(SMALL, 1, services, s3), Site(LARGE, 2, services, s3)
    print(f"Building the sites (media on S3 at {host}:{port}) ...", flush=True)
    small.build()
    large.build(template=small.database)
    manage(large.env, "collectstatic", "--noinput")
    counts = {site.stories: site.sql_counts() for site in (small, large)}
    servers: list[AppServer] = []
    publishers: list[Publisher] = []
    balancer = None
    try:
        uncached, small_server = AppServer(large.uncached_env, "uncached"), AppServer(small.uncached_env, "small")
        servers += [uncached, small_server]
        uncached.start()
        small_server.start()
        display = get(uncached.port, graphql(DISPLAY))
        assert b'"errors"' not in display, display[:500]
        for path in (*paths(LARGE).values(), API_V2):
            get(uncached.port, path)  # renditions are made on first use
        for path in paths(SMALL).values():
            get(small_server.port, path)
        static = Path(large.env["STATIC_ROOT"]) / "bench"
        static.mkdir(parents=True, exist_ok=True)
        (static / "display.json").write_bytes(display)
        (static / "display-js.json").write_bytes(get(uncached.port, DISPLAY_JS))
        cached = AppServer(large.env, "cached")
        servers.append(cached)
        cached.start()
        balancer = Balancer(workdir / "nginx", [cached.port])
        log = workdir / "cache-status.log"
        with_cache_log(workdir / "nginx" / "nginx.conf", log, Path(large.env["STATIC_ROOT"]))
        balancer.start()
        ports = {"cached": cached.port, "uncached": uncached.port, "small": small_server.port, "proxy": balancer.port}
        publishers += [Publisher(small.env), Publisher(large.env)]
        cold = {str(SMALL): (small_server, publishers[0]), str(LARGE): (uncached, publishers[1]),
                "cached": (cached, publishers[1])}  # fmt: skip
        runs = []
        for number in range(1, RUNS + 1):
            print(f"Run {number} of {RUNS} ...", flush=True)
            runs.append(measure(large, small, ports, log, cold))
        load = f"wrk -t1 -c{CONNECTIONS}, {SECONDS:.0f} s; gunicorn {WORKERS} workers x {env_threads()} threads"
        report(runs, counts, Setup(SMALL, LARGE, load, MEMORY_REQUESTS))
    finally:
        for publisher in publishers:
            publisher.stop()
        if balancer is not None:
            balancer.stop()
        for server in servers:
            try:
                server.stop()
            except subprocess.TimeoutExpired:  # a worker still busy with a slow answer
                server.kill()
        s3_server.stop()


if __name__ == "__main__":
    main()
