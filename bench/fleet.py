"""A fleet of school displays against the production profile on this machine, measured in one run.

Seeds the demo site and FLEET_SIZE paired screens (spread over the demo's schools) in a throwaway
PostgreSQL database, serves it with gunicorn (config/gunicorn.conf.py, PostgreSQL, Redis, whitenoise) and
the worker (`run_worker --loop`), and simulates every screen at its default intervals, as display.js
does them:

- the pulse (GET /display/api/pulse) every DISPLAY_PULSE_SECONDS (5 s), its alerts (GET
  /display/api/alerts) only when the pulse's alerts number changes;
- a heartbeat (POST /display/api/heartbeat, with play totals) every poll interval (60 s);
- the content poll (the GraphQL query display.js builds, in English and Spanish; GET, cacheable) every poll
  interval (60 s).

Each screen starts at a random moment of its intervals, as a real fleet does. Over a steady window it
prints the requests per second the server absorbs, the app server's CPU share (gunicorn's processes, in
cores), the worker's, and the rows PostgreSQL writes per second; then it issues an alert as admin saves one
and clears it, and issues another as a mass-notification system does (a signed CAP 1.2 message posted to
/display/api/cap), and prints the delay from saving or posting each to the first, the median, the
99th-percentile and the last screen seeing it. Targets: p99 under 10 s; the app server's steady load under
half of one core.

Run: make bench-fleet   (starts its own PostgreSQL and Redis; BENCH_SMOKE=1 for a short run with 50 screens)
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, AppServer, Services, environment, manage, own_services, sized
from bench.fleet_cap import CapSender
from bench.fleet_screens import Fleet, Screen, wait_until_seen
from bench.migrated import migrated_database

FLEET_SIZE = int(sized("FLEET_SIZE", 1000, 50))
WARM_UP = sized("FLEET_WARM_UP", 60.0, 10.0)  # the poll interval: every screen polls once
WINDOW = sized("FLEET_WINDOW", 60.0, 10.0)
CONNECTIONS = int(sized("FLEET_CONNECTIONS", 48, 8))
DB_NAME = "btcms_fleet"

SEED = """
import json, secrets
from cms.models import School
from displays.credentials import digest
from displays.models import Display
schools = list(School.objects.order_by("slug")) + [None]
fleet = []
for n in range({size}):
    secret = secrets.token_urlsafe(32)
    school = schools[n % len(schools)]
    fleet.append((Display(name=f"Screen {{n}}", school=school, languages=["en", "es"], credential_hash=digest(secret)),
                  secret, school.slug if school else None))
Display.objects.bulk_create([display for display, _, _ in fleet])
print(json.dumps([[secret, slug] for _, secret, slug in fleet]))
"""

ALERT = """
import time
from django.db import transaction
from displays.models import Alert, AlertText
with transaction.atomic():  # as admin saves it: the alert with its words
    alert = Alert.objects.create(severity="extreme", scope="district")
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your room. Lock the door.")
print(alert.pk, time.time())
"""

CLEAR = """
import time
from displays.alerts import clear
from displays.models import Alert
clear(Alert.objects.get(pk={pk}), None)
print(time.time())
"""


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def tree(pid: int) -> list[psutil.Process]:
    parent = psutil.Process(pid)
    return [parent, *parent.children(recursive=True)]


def rows_written(env: dict[str, str]) -> int:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("SELECT pg_stat_clear_snapshot()")
        row = connection.execute(
            "SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
    return int(row[0])


def delays(seen: dict[int, float], saved_at: float, fleet_size: int) -> str:
    every = sorted(when - saved_at for when in seen.values())
    if not every:
        return "no screen saw it"
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))]
    return (
        f"{len(every)}/{fleet_size} screens; first {every[0]:.2f} s, p50 {statistics.median(every):.2f} s, "
        f"p99 {p99:.2f} s, last {every[-1]:.2f} s"
    )


def steady_load(fleet: Fleet, env: dict[str, str], server: AppServer, worker: subprocess.Popen) -> None:
    app, work = tree(server.process.pid), tree(worker.pid)
    counts_before = dict(fleet.counts)
    app_cpu, worker_cpu, rows = cpu_seconds(app), cpu_seconds(work), rows_written(env)
    started = time.monotonic()
    time.sleep(WINDOW)
    elapsed = time.monotonic() - started
    app_share = (cpu_seconds(app) - app_cpu) / elapsed
    worker_share = (cpu_seconds(work) - worker_cpu) / elapsed
    rows_per_second = (rows_written(env) - rows) / elapsed
    done = {kind: (fleet.counts[kind] - counts_before[kind]) / elapsed for kind in fleet.counts}
    total = sum(rate for kind, rate in done.items() if kind != "failed")
    workers, threads_each = env["WEB_CONCURRENCY"], env["GUNICORN_THREADS"]
    print(f"\n{FLEET_SIZE} screens, steady {elapsed:.0f} s; gunicorn {workers} workers x {threads_each} threads "
          f"on {psutil.cpu_count()} cores")  # fmt: skip
    print(f"requests absorbed: {total:.1f}/s (pulse {done['pulse']:.1f}, heartbeat {done['heartbeat']:.1f}, "
          f"content {done['content']:.1f}, alerts {done['alerts']:.1f}; failed {done['failed']:.1f})")  # fmt: skip
    print(f"app server CPU: {app_share:.2f} of one core (target < 0.5); worker: {worker_share:.2f}")
    print(f"heartbeats written: {rows_per_second:.1f} database rows/s for {done['heartbeat']:.1f} heartbeats/s")


def alert_delays(fleet: Fleet, env: dict[str, str], port: int, sender: CapSender) -> None:
    issued = manage(env, "shell", "-c", ALERT).strip().splitlines()[-1].split()
    alert_id, saved_at = issued[0], float(issued[1])
    wait_until_seen(fleet, (alert_id, True))
    print(f"alert saved -> on screens: {delays(fleet.seen.get((alert_id, True), {}), saved_at, FLEET_SIZE)}")
    cleared_at = float(manage(env, "shell", "-c", CLEAR.format(pk=alert_id)).split()[-1])
    wait_until_seen(fleet, (alert_id, False))
    print(f"all-clear -> off screens:  {delays(fleet.seen.get((alert_id, False), {}), cleared_at, FLEET_SIZE)}")
    cap_id, posted_at = sender.post(port, sender.signed_alert(f"BENCH-{time.time_ns()}"))
    wait_until_seen(fleet, (cap_id, True))
    print(f"CAP alert posted -> on screens: {delays(fleet.seen.get((cap_id, True), {}), posted_at, FLEET_SIZE)}")
    manage(env, "shell", "-c", CLEAR.format(pk=cap_id))


def run(services: Services) -> None:
    # Workers are not recycled during the run, so each one's CPU time is counted whole.
    env = environment(services.folder, services.postgres.url(DB_NAME), services.redis_url(),
                      GUNICORN_MAX_REQUESTS="0", GUNICORN_THREADS=os.environ.get("GUNICORN_THREADS", "8"))  # fmt: skip
    print(f"Seeding the demo site and {FLEET_SIZE} paired screens ...", flush=True)
    migrated_database(services, DB_NAME, env)
    manage(env, "seed_demo")
    fleet_rows = json.loads(manage(env, "shell", "-c", SEED.format(size=FLEET_SIZE)).strip().splitlines()[-1])
    sender = CapSender()
    manage(env, "shell", "-c", sender.source_script())
    manage(env, "collectstatic", "--noinput")
    screens = [Screen(i, secret, slug) for i, (secret, slug) in enumerate(fleet_rows)]

    server, worker, fleet = AppServer(env, "fleet"), None, None
    try:
        server.start()
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--loop"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        fleet = Fleet(server.port, screens)
        threads = [threading.Thread(target=fleet.dispatch, daemon=True)]
        threads += [threading.Thread(target=fleet.serve_requests, daemon=True) for _ in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        print(f"Warming up for {WARM_UP:.0f} s ...", flush=True)
        time.sleep(WARM_UP)
        steady_load(fleet, env, server, worker)
        alert_delays(fleet, env, server.port, sender)
        print(f"measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    finally:
        if fleet is not None:
            fleet.running = False
        server.stop()
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)


def main() -> None:
    with own_services("fleet") as services:
        run(services)


if __name__ == "__main__":
    main()
