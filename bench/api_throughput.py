"""Speed of the GraphQL API beside its peers, measured side by side in one run on this machine.

Builds two sites in throwaway PostgreSQL databases, both with their media on S3 (moto's server, started here on
loopback): the demo grown to 100 stories, and the same grown to 10,000. Serves them with the production profile
(gunicorn with config/gunicorn.conf.py, PostgreSQL, Redis, whitenoise), puts nginx in front with the proxy cache
of config/nginx/cms.conf, and drives every endpoint with wrk (Debian's, a process of its own) on loopback.

Each of three runs measures, on the 10,000-story site (the two sides of each ratio that is a target taking turns
second by second, ten seconds each, so that what else the machine does falls on both alike; the ratio is the
median over those ten neighbouring pairs of seconds):
- cached GraphQL display answers against the same JSON bytes as a static file from the same server;
- the nginx proxy cache in front of it (req/s and hit rate), and nginx serving the static file itself, for scale;
- the uncached display (p50 on one connection, req/s under load), and the uncached listing against Wagtail's API
  v2 on the same listing;
- a fresh server's cold start to its first answer and each worker's memory after 2,000 requests of its own;
and on both sites, one connection each: the listing, the display, a search and a page at 90% of the stories,
with the SQL queries each costs. Then it prints the range of the three runs with each target beside it.

Run: make bench-api   (starts its own PostgreSQL and Redis; wrk and nginx from Debian; BENCH_SMOKE=1 for a short
run at small sizes)
"""

from __future__ import annotations

import datetime
import json
import logging
import multiprocessing
import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api_load import (
    alternating,
    first_answer,
    get,
    hit_rate,
    paired_ratio,
    warm,
    with_cache_log,
    worker_memory,
    wrk,
)
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
WARMING = (10, False) if SMOKE else ()  # a smoke run warms each load for at most 10 s, then measures it as it is

DISPLAY = """{ display(at: "2023-02-15T12:00:00", upcomingLimit: 3) {
  validUntil story { publicUrl qrCodeSvg poster1080p { url width height alt }
    story { title themeHeadline studentNames summary monthLabel programs school { shortName } } }
  award { recipient { name kindLabel photo { alt } } }
  upcoming { title themeHeadline monthLabel premiereAt posterImage { alt } } } }"""
LISTING = """{ stories(limit: 20) { id title monthLabel premiereAt themeHeadline studentNames summary
  posterImage { alt rendition(fill: "1920x1080") { url } } } }"""
SEARCH = """{ search(query: "Leila") { ... on StoryPage { title monthLabel posterImage { alt } } } }"""
DEEP = """{ stories(limit: 20, offset: %d) { id title monthLabel premiereAt posterImage { alt } } }"""
API_V2 = (
    "/api/v2/pages/?type=stories.StoryPage&locale=en&limit=20&order=-month"
    "&fields=month,premiere_at,theme_headline,student_names,summary,poster_1080p"
)
API_V2_NAME = "Wagtail API v2 listing"


def graphql(query: str) -> str:
    return "/graphql/?" + urllib.parse.urlencode({"query": query})


def scale_paths(stories: int) -> dict[str, str]:
    return {
        "listing": graphql(LISTING),
        "display": graphql(DISPLAY),
        "search": graphql(SEARCH),
        "page at 90%": graphql(DEEP % (stories * 9 // 10)),
    }


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
        env = {**self.uncached_env, "BENCH_PATHS": json.dumps(scale_paths(self.stories))}
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
            served += wrk(server.port, list(scale_paths(site.stories).values()), 2, 4)["requests"]
        return seconds, worker_memory(server.process.pid)
    finally:
        server.stop()


def measure(large: Site, small: Site, servers: dict[str, int], log: Path) -> dict[str, dict]:
    load = {
        "static file (same server)": (servers["cached"], "/static/bench/display.json"),
        "GraphQL display, cached": (servers["cached"], graphql(DISPLAY)),
        "nginx proxy cache, display": (servers["proxy"], graphql(DISPLAY)),
        "nginx static file (scale)": (servers["proxy"], "/nginx-static/bench/display.json"),
        "GraphQL display, uncached": (servers["uncached"], graphql(DISPLAY)),
        "GraphQL listing, uncached": (servers["uncached"], graphql(LISTING)),
        API_V2_NAME: (servers["uncached"], API_V2),
    }
    figures: dict[str, dict] = {}
    # Where the ratio of two figures is a target, the two take turns.
    for pair in (("static file (same server)", "GraphQL display, cached"), ("GraphQL listing, uncached", API_V2_NAME)):
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
    for site, port in ((small, servers["small"]), (large, servers["uncached"])):
        for name, path in scale_paths(site.stories).items():
            figures[f"{site.stories}:{name}"] = wrk(port, [path], 1 if SMOKE else max(2, SECONDS // 2), 1)
    figures["cold start"], figures["memory"] = cold_start_and_memory(large)
    return figures


def per(a: float, b: float) -> float:
    """a / b, or not a number where b had no answer in time (a short run on a loaded machine)."""
    return a / b if b else float("nan")


def report(runs: list[dict], counts: dict[int, dict[str, int]]) -> None:
    def span(values: list[float], fmt: str = "{:.2f}") -> str:
        low, high = min(values), max(values)
        return fmt.format(low) if fmt.format(low) == fmt.format(high) else f"{fmt.format(low)}-{fmt.format(high)}"

    def rps(name: str) -> list[float]:
        return [run[name]["rps"] for run in runs]

    def ratio(a: str, b: str) -> list[float]:
        """Loads that took turns (a target's two sides) by their neighbouring slices, others by req/s."""
        if "slices" in runs[0][a] and "slices" in runs[0][b]:
            return [paired_ratio(run[a], run[b]) for run in runs]
        return [per(run[a]["rps"], run[b]["rps"]) for run in runs]

    print(f"\nRanges over {len(runs)} runs ({LARGE} stories unless said; wrk -t1 -c{CONNECTIONS}, {SECONDS:.0f} s; "
          f"gunicorn {WORKERS} workers x {os.environ.get('GUNICORN_THREADS', '4')} threads):")  # fmt: skip
    for name in runs[0]:
        if isinstance(runs[0][name], dict) and ":" not in name:
            p50, p99 = span([r[name]["p50_ms"] for r in runs]), span([r[name]["p99_ms"] for r in runs])
            print(f"  {name:<30} {span(rps(name), '{:,.0f}'):>13} req/s   p50 {p50:>11} ms   p99 {p99:>13} ms"
                  f"   not 2xx {sum(r[name]['bad'] for r in runs)}")  # fmt: skip
    proxy = "nginx proxy cache, display"
    print(f"  nginx proxy cache hit rate: {span([r[proxy]['hit_rate'] * 100 for r in runs], '{:.1f}')} %")
    print("\nTargets:")
    static = "static file (same server)"
    print(f"  cached display / static file, same server: {span(ratio('GraphQL display, cached', static))}x "
          "(target >= 0.8x; median of neighbouring seconds)")  # fmt: skip
    print(
        f"  nginx proxy cache / app's own cache: {span(ratio(proxy, 'GraphQL display, cached'))}x; "
        f"nginx static / gunicorn static: {span(ratio('nginx static file (scale)', static))}x"
    )
    one = "display p50, one connection"
    print(f"  uncached display p50: {span([r[one]['p50_ms'] for r in runs])} ms (target < 15 ms)")
    listing, display = ratio("GraphQL listing, uncached", API_V2_NAME), ratio("GraphQL display, uncached", API_V2_NAME)
    print(f"  uncached GraphQL listing / API v2 on the same listing: {span(listing)}x (target >= 2x); "
          f"uncached display / API v2: {span(display)}x")  # fmt: skip
    for name in scale_paths(0):
        times = [per(r[f"{LARGE}:{name}"]["p50_ms"], r[f"{SMALL}:{name}"]["p50_ms"]) for r in runs]
        small_ms = span([r[f"{SMALL}:{name}"]["p50_ms"] for r in runs])
        large_ms = span([r[f"{LARGE}:{name}"]["p50_ms"] for r in runs])
        same = "same" if counts[SMALL][name] == counts[LARGE][name] else "DIFFERENT"
        print(
            f"  {name:<12} p50 {small_ms:>11} ms at {SMALL}, {large_ms:>11} ms at {LARGE}: {span(times)}x "
            f"(target <= 1.5x); SQL {counts[SMALL][name]} and {counts[LARGE][name]} ({same}, target same)"
        )
    print(f"  cold start to first answer: {span([r['cold start'] for r in runs], '{:.1f}')} s")
    memory = [m for r in runs for m in r["memory"]]
    print(
        f"  memory per worker after {MEMORY_REQUESTS:,} requests: RSS {span([m[0] for m in memory], '{:.0f}')} MiB, "
        f"PSS {span([m[1] for m in memory], '{:.0f}')} MiB"
    )
    print(f"measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


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
    balancer = None
    try:
        uncached, small_server = AppServer(large.uncached_env, "uncached"), AppServer(small.uncached_env, "small")
        servers += [uncached, small_server]
        uncached.start()
        small_server.start()
        display = get(uncached.port, graphql(DISPLAY))
        assert b'"errors"' not in display, display[:500]
        for path in (*scale_paths(LARGE).values(), API_V2):
            get(uncached.port, path)  # renditions are made on first use
        for path in scale_paths(SMALL).values():
            get(small_server.port, path)
        static = Path(large.env["STATIC_ROOT"]) / "bench"
        static.mkdir(parents=True, exist_ok=True)
        (static / "display.json").write_bytes(display)
        cached = AppServer(large.env, "cached")
        servers.append(cached)
        cached.start()
        balancer = Balancer(workdir / "nginx", [cached.port])
        log = workdir / "cache-status.log"
        with_cache_log(workdir / "nginx" / "nginx.conf", log, Path(large.env["STATIC_ROOT"]))
        balancer.start()
        ports = {"cached": cached.port, "uncached": uncached.port, "small": small_server.port, "proxy": balancer.port}
        runs = []
        for number in range(1, RUNS + 1):
            print(f"Run {number} of {RUNS} ...", flush=True)
            runs.append(measure(large, small, ports, log))
        report(runs, counts)
    finally:
        if balancer is not None:
            balancer.stop()
        for server in servers:
            server.stop()
        s3_server.stop()


if __name__ == "__main__":
    main()
