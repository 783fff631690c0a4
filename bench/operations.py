"""What operating the service costs (`make bench-ops`): a content export and import of 10,000 stories (wall time
and the peak memory of each process, against 100 stories in the same run, to show it streams), `/readyz` when
healthy, and what counting each request for /metrics costs against the request itself.

Its own PostgreSQL and Redis (bench/common.py); BENCH_SMOKE=1 runs it at 200 stories, for CI.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, SMOKE, AppServer, Services, environment, own_services, sized
from bench.common import manage as run_manage
from bench.migrated import migrated_database

TOKEN = "bench-metrics-token"  # noqa: S105 (this bench's own server, on loopback)
STORIES = int(sized("BENCH_STORIES", 10_000, 200))
SMALL = 100


def measured(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of `manage.py args` as a process of its own."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            sys.exit(f"manage.py {' '.join(args)} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    return took, usage.ru_maxrss / 1024


def round_trip(services: Services, stories: int, label: str) -> dict[str, float]:
    base = environment(services.folder / label, "", services.redis_url(), LOG_REQUESTS="false")
    source = {**base, "DATABASE_URL": migrated_database(services, f"{label}_source", base)}
    run_manage(source, "shell", "-c", f"from bench.api_seed import grow; grow({stories})")
    archive = services.folder / f"{label}.tar.gz"
    export_s, export_mib = measured(source, "export_content", str(archive))
    target = {**base, "DATABASE_URL": migrated_database(services, f"{label}_target", base),
              "MEDIA_ROOT": str(services.folder / label / "media-target")}  # fmt: skip
    import_s, import_mib = measured(target, "import_content", str(archive))
    size = archive.stat().st_size / 2**20
    print(f"  {stories:>6} stories: export {export_s:6.1f} s, peak {export_mib:5.0f} MiB, archive {size:.1f} MiB; "
          f"import {import_s:6.1f} s, peak {import_mib:5.0f} MiB", flush=True)  # fmt: skip
    return {"export s": export_s, "export MiB": export_mib, "import s": import_s, "import MiB": import_mib}


def served(services: Services) -> None:
    folder = services.folder / "serve"
    url = migrated_database(services, "serve", environment(folder, "", services.redis_url()))
    env = environment(folder, url, services.redis_url(1), METRICS_TOKEN=TOKEN)
    run_manage(env, "seed_demo")
    run_manage(env, "collectstatic", "--noinput")
    run_manage(env, "run_worker")  # one tick, so that /readyz finds a worker
    server = AppServer(env, "ops")
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        session = requests.Session()
        rounds = int(sized("BENCH_ROUNDS", 300, 30))
        for _ in range(5):
            session.get(f"{base}/readyz", timeout=10)
        ready = []
        for _ in range(rounds):
            started = time.perf_counter()
            status = session.get(f"{base}/readyz", timeout=10).status_code
            ready.append((time.perf_counter() - started) * 1000)
            assert status == 200, status
        ready.sort()
        p99 = ready[int(len(ready) * 0.99) - 1]
        print(f"  /readyz healthy: p50 {statistics.median(ready):.1f} ms, p99 {p99:.1f} ms (target < 50 ms)")
        query = {"query": "{ stories(limit: 4) { title } }"}
        answers = []
        for _ in range(rounds):
            started = time.perf_counter()
            session.get(f"{base}/graphql/", params=query, headers={"Accept": "application/json"}, timeout=10)
            answers.append((time.perf_counter() - started) * 1000)
        scraped = session.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
        scrape_ms = scraped.elapsed.total_seconds() * 1000
    finally:
        server.stop()
    counting_us = counting_cost()
    median = statistics.median(answers)
    print(
        f"  a cached GraphQL answer: p50 {median:.2f} ms; counting it for /metrics: "
        f"{counting_us:.1f} µs = {counting_us / 10 / median:.2f}% of it (target < 1%); a scrape: {scrape_ms:.0f} ms"
    )


def counting_cost() -> float:
    """Microseconds per request of `observe_request` (the counters and histograms one answer moves)."""
    code = (
        "import time; from cms import metrics\n"
        "n = 20000; t = time.perf_counter()\n"
        "for i in range(n): metrics.observe_request('GET', '/graphql/', 'Op', 200, 0.004, 1)\n"
        "print((time.perf_counter() - t) / n * 1e6)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    print(f"Operations{' (smoke)' if SMOKE else ''}: export and import, /readyz, the cost of metrics", flush=True)
    with own_services("ops") as services:
        small = round_trip(services, SMALL, "small")
        large = round_trip(services, STORIES, "large")
        ratio = {key: large[key] / small[key] for key in large}
        print(f"  {STORIES:,} against {SMALL} stories: export x{ratio['export s']:.1f} time, "
              f"x{ratio['export MiB']:.2f} memory; import x{ratio['import s']:.1f} time, "
              f"x{ratio['import MiB']:.2f} memory")  # fmt: skip
        served(services)


if __name__ == "__main__":
    main()
