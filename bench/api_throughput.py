"""Throughput and latency of the GraphQL API against peers, measured in one run on this machine.

Seeds a large site (1,000 stories with their own poster images) in a throwaway PostgreSQL database,
serves it with the production profile (gunicorn with config/gunicorn.conf.py, PostgreSQL, Redis,
whitenoise) on loopback, and drives each endpoint with the same closed-loop load generator:

- the display query through GraphQL, uncached (a server with GRAPHQL_CACHE_SECONDS=0) and cached;
- a 20-story listing through GraphQL, uncached, and the same listing through Wagtail's REST API v2;
- the display answer's JSON bytes as a static file, served by the same gunicorn and whitenoise.

It prints requests per second, p50 and p99 for each, then the ratios the targets are set in.

Run: make bench-api   (needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379)
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = int(os.environ.get("BENCH_STORIES", "1000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
DB_NAME = "btcms_bench"
ADMIN_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")

DISPLAY = """{ display(at: "2023-02-15T12:00:00", upcomingLimit: 3) {
  validUntil story { publicUrl poster1080p { url width height alt }
    story { title themeHeadline studentNames summary monthLabel programs school { shortName } } }
  award { recipient { name kindLabel photo { alt } } }
  upcoming { title themeHeadline monthLabel premiereAt posterImage { alt } } } }"""
LISTING = """{ stories(limit: 20) { id title monthLabel premiereAt themeHeadline studentNames summary
  posterImage { alt rendition(fill: "1920x1080") { url } } } }"""
API_V2 = (
    "/api/v2/pages/?type=stories.StoryPage&locale=en&limit=20&order=-month"
    "&fields=month,premiere_at,theme_headline,student_names,summary,poster_1080p"
)


def environment(workdir: Path, **extra: str) -> dict[str, str]:
    admin = urllib.parse.urlparse(ADMIN_URL)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DATABASE_URL": admin._replace(path=f"/{DB_NAME}").geturl(),
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "WAGTAIL_API_V2": "true",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "4"),
        **extra,
    }


def manage(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


SEED = """
import datetime
from django.core.management import call_command
from cms.dates import district_zone
from cms.seed import generated_image
from stories.models import CampaignIndexPage, StoryPage
call_command("seed_demo")
campaign = CampaignIndexPage.objects.get(slug="better-together", locale__language_code="en")
start = datetime.datetime(2019, 1, 1, 8, tzinfo=district_zone())
for n in range(StoryPage.objects.filter(locale=campaign.locale).count(), {stories}):
    when = start + datetime.timedelta(days=3 * n)
    poster = generated_image(f"Bench poster {{n}}", f"Poster for bench story {{n}}", [f"Story {{n}}"], size=(480, 270))
    story = StoryPage(title=f"Bench story {{n}}", slug=f"bench-{{n}}", summary="A teaser.", student_names="Ada",
                      theme_headline="WE ARE BETTER TOGETHER", month=when.date().replace(day=1), premiere_at=when,
                      poster_image=poster)
    campaign.add_child(instance=story)
    story.programs.add("Beyond the Bell")
    story.save_revision().publish()
print(StoryPage.objects.count())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"gunicorn did not start:\n{process.stderr.read().decode()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def graphql_path(query: str) -> str:
    return "/graphql/?" + urllib.parse.urlencode({"query": query})


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        sys.exit(f"GET {path[:80]} answered {response.status}: {body[:500]!r}")
    return body


def load(port: int, path: str) -> dict[str, float]:
    """CLIENTS keep-alive connections, each sending the next request as soon as the last is answered."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures = [0] * CLIENTS
    stop_at = time.monotonic() + 1.0 + SECONDS  # one second of warm-up, not counted
    count_from = time.monotonic() + 1.0

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Accept": "application/json", "Connection": "keep-alive"}
        while (start := time.monotonic()) < stop_at:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if start >= count_from:
                if ok:
                    latencies[index].append(time.monotonic() - start)
                else:
                    failures[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(latency for per_client in latencies for latency in per_client)
    if not every:
        sys.exit(f"no successful request to {path[:80]}")
    return {
        "rps": len(every) / SECONDS,
        "p50_ms": statistics.median(every) * 1000,
        "p99_ms": every[min(len(every) - 1, int(len(every) * 0.99))] * 1000,
        "failures": sum(failures),
    }


def main() -> None:
    import psycopg

    workdir = Path(tempfile.mkdtemp(prefix="btcms-bench-api-"))
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    cached_env = environment(workdir)
    uncached_env = environment(workdir, GRAPHQL_CACHE_SECONDS="0")
    subprocess.run(["redis-cli", "-n", "15", "FLUSHDB"], capture_output=True, check=False)
    print(f"Seeding {STORIES} stories with their own posters (PostgreSQL database {DB_NAME}) ...", flush=True)
    manage(cached_env, "migrate", "--noinput")
    total = manage(cached_env, "shell", "-c", SEED.format(stories=STORIES)).strip().splitlines()[-1]
    manage(cached_env, "collectstatic", "--noinput")

    cached, cached_port = serve(cached_env)
    uncached, uncached_port = serve(uncached_env)
    try:
        # Renditions are made on first use; the static file holds the same bytes the API answers.
        display_bytes = fetch(uncached_port, graphql_path(DISPLAY))
        assert "errors" not in json.loads(display_bytes), display_bytes[:500]
        fetch(uncached_port, graphql_path(LISTING))
        fetch(uncached_port, API_V2)
        static_dir = Path(cached_env["STATIC_ROOT"]) / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        (static_dir / "display.json").write_bytes(display_bytes)
        stop(cached)  # whitenoise reads STATIC_ROOT when the app starts
        cached, cached_port = serve(cached_env)

        workers, threads = cached_env["WEB_CONCURRENCY"], cached_env["GUNICORN_THREADS"]
        print(
            f"{total} stories; {CLIENTS} clients x {SECONDS:.0f} s each; "
            f"gunicorn {workers} workers x {threads} threads\n"
        )
        runs = {
            "GraphQL display, uncached": (uncached_port, graphql_path(DISPLAY)),
            "GraphQL display, cached": (cached_port, graphql_path(DISPLAY)),
            "GraphQL 20-story listing, uncached": (uncached_port, graphql_path(LISTING)),
            "Wagtail API v2 20-story listing": (uncached_port, API_V2),
            "static file (same JSON bytes)": (cached_port, "/static/bench/display.json"),
        }
        results = {}
        for name, (port, path) in runs.items():
            results[name] = figures = load(port, path)
            print(f"{name:<38} {figures['rps']:8.0f} req/s   p50 {figures['p50_ms']:7.2f} ms   "
                  f"p99 {figures['p99_ms']:7.2f} ms   failures {figures['failures']}", flush=True)  # fmt: skip
    finally:
        stop(cached)
        stop(uncached)
        shutil.rmtree(workdir, ignore_errors=True)

    def ratio(a: str, b: str) -> float:
        return results[a]["rps"] / results[b]["rps"]

    v2 = "Wagtail API v2 20-story listing"
    print()
    print(f"uncached display / API v2 listing: {ratio('GraphQL display, uncached', v2):.2f}x (target >= 1.5x)")
    print(f"uncached GraphQL listing / API v2 listing: {ratio('GraphQL 20-story listing, uncached', v2):.2f}x")
    static = "static file (same JSON bytes)"
    print(f"cached display / static file: {ratio('GraphQL display, cached', static):.2f}x (target >= 0.5x)")
    print(f"cached display p50: {results['GraphQL display, cached']['p50_ms']:.2f} ms (target < 5 ms)")
    print(f"measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
