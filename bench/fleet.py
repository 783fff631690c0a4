"""A fleet of school displays against the production profile on this machine, measured in one run.

Seeds the demo site and FLEET_SIZE paired screens (spread over the demo's schools) in a throwaway
PostgreSQL database, serves it with gunicorn (config/gunicorn.conf.py, PostgreSQL, Redis, whitenoise) and
the worker (`run_worker --loop`), and simulates every screen at its default intervals, as display.js
does them:

- the pulse (GET /display/api/pulse) every DISPLAY_PULSE_SECONDS (5 s), its alerts (GET
  /display/api/alerts) only when the pulse's alerts number changes;
- a heartbeat (POST /display/api/heartbeat, with play totals) every poll interval (60 s);
- the content poll (the GraphQL display query, GET, cacheable) every poll interval (60 s).

Each screen starts at a random moment of its intervals, as a real fleet does. Over a steady window it
prints the requests per second the server absorbs, the app server's CPU share (gunicorn's processes, in
cores), the worker's, and the rows PostgreSQL writes per second; then it issues an alert and clears it,
and prints the delay from saving each to the first, the median, the 99th-percentile and the last screen
seeing it. Targets: p99 under 10 s; the app server's steady load under half of one core.

Run: make bench-fleet   (needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379)
"""

from __future__ import annotations

import datetime
import heapq
import http.client
import json
import os
import queue
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psutil
from api_throughput import ADMIN_URL, ROOT, environment, manage, serve, stop

FLEET_SIZE = int(os.environ.get("FLEET_SIZE", "1000"))
WINDOW = float(os.environ.get("FLEET_WINDOW", "60"))
CONNECTIONS = int(os.environ.get("FLEET_CONNECTIONS", "48"))
PULSE_SECONDS, POLL_SECONDS = 5.0, 60.0
DB_NAME = "btcms_fleet"

CONTENT_QUERY = """query Display($school: String, $l0: String, $l1: String) {
  l0: display(school: $school, upcomingLimit: 1, locale: $l0) { ...Shown }
  l1: display(school: $school, upcomingLimit: 1, locale: $l1) { ...Shown } }
fragment Shown on Display { validUntil
  story { qrCodeSvg poster1080p { url alt } story { id title studentNames themeHeadline summary monthLabel locale
    isFallback } }
  award { recipient { id name kindLabel organization monthLabel citation locale isFallback } }
  upcoming { id title themeHeadline summary monthLabel premiereAt locale isFallback } }"""

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


class Screen:
    def __init__(self, index: int, secret: str, school: str | None) -> None:
        self.index, self.secret, self.school = index, secret, school
        self.alerts_number: int | None = None
        self.alert_ids: set[str] = set()
        self.shows = 0


class Fleet:
    """The simulated screens: a schedule of due requests, and CONNECTIONS threads with keep-alive connections."""

    def __init__(self, port: int, screens: list[Screen]) -> None:
        self.port, self.screens = port, screens
        self.due: list[tuple[float, int, int, str]] = []
        self.lock = threading.Lock()
        self.work: queue.Queue = queue.Queue()
        self.running = True
        self.counts = {"pulse": 0, "alerts": 0, "heartbeat": 0, "content": 0, "failed": 0}
        self.seen: dict[tuple[str, bool], dict[int, float]] = {}  # (alert id, in force?) -> screen -> when seen
        self.sequence = 0
        now = time.monotonic()
        spread = random.Random(14)  # the same start moments every run  # noqa: S311 (not for secrets)
        for screen in screens:
            self.schedule(now + spread.uniform(0, PULSE_SECONDS), screen, "pulse")
            self.schedule(now + spread.uniform(0, POLL_SECONDS), screen, "heartbeat")
            self.schedule(now + spread.uniform(0, POLL_SECONDS), screen, "content")

    def schedule(self, when: float, screen: Screen, kind: str) -> None:
        with self.lock:
            self.sequence += 1
            heapq.heappush(self.due, (when, self.sequence, screen.index, kind))

    def dispatch(self) -> None:
        while self.running:
            with self.lock:
                ready = []
                now = time.monotonic()
                while self.due and self.due[0][0] <= now:
                    ready.append(heapq.heappop(self.due))
            for _, _, index, kind in ready:
                self.work.put((self.screens[index], kind))
            time.sleep(0.005)

    def send(self, connection: http.client.HTTPConnection, method: str, path: str, headers: dict, body: bytes | None):
        connection.request(method, path, body=body, headers={"Accept": "application/json", **headers})
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path[:60]} answered {response.status}: {data[:200]!r}")
        return json.loads(data)

    def serve_requests(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while self.running:
            try:
                screen, kind = self.work.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                self.handle(connection, screen, kind)
                self.counts[kind] += 1
            except (OSError, http.client.HTTPException, RuntimeError, ValueError) as error:
                self.counts["failed"] += 1
                if self.counts["failed"] <= 3:
                    print(f"  failed: {error}", flush=True)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if kind != "alerts":
                    self.schedule(time.monotonic() + (PULSE_SECONDS if kind == "pulse" else POLL_SECONDS), screen, kind)
        connection.close()

    def handle(self, connection: http.client.HTTPConnection, screen: Screen, kind: str) -> None:
        auth = {"Authorization": f"Bearer {screen.secret}"}
        now = time.monotonic()
        if kind == "pulse":
            numbers = self.send(connection, "GET", "/display/api/pulse", {}, None)
            if screen.alerts_number is not None and numbers["alerts"] != screen.alerts_number:
                self.work.put((screen, "alerts"))
            screen.alerts_number = numbers["alerts"]
            self.schedule(now + PULSE_SECONDS, screen, "pulse")
        elif kind == "alerts":
            answer = self.send(connection, "GET", "/display/api/alerts", auth, None)
            current = {alert["id"] for alert in answer["alerts"]}
            seen_at = time.time()
            for alert_id in current - screen.alert_ids:
                self.seen.setdefault((alert_id, True), {}).setdefault(screen.index, seen_at)
            for alert_id in screen.alert_ids - current:
                self.seen.setdefault((alert_id, False), {}).setdefault(screen.index, seen_at)
            screen.alert_ids = current
        elif kind == "heartbeat":
            screen.shows += 3
            day = datetime.date.today().isoformat()
            report = {
                "scriptVersion": "bench", "offline": False, "commandDone": 0,
                "startedAt": datetime.datetime.now(datetime.UTC).isoformat(),
                "showing": {"kind": "story", "itemId": "1", "language": "en", "contentVersion": "bench"},
                "screen": {"width": 1920, "height": 1080},
                "plays": {day: [{"kind": "story", "itemId": "1", "label": "Story", "language": "en",
                                 "shows": screen.shows, "seconds": screen.shows * 20}]},
            }  # fmt: skip
            self.send(connection, "POST", "/display/api/heartbeat", {**auth, "Content-Type": "application/json"},
                      json.dumps(report).encode())  # fmt: skip
            self.schedule(now + POLL_SECONDS, screen, "heartbeat")
        else:
            variables = {"school": screen.school, "l0": "en", "l1": "es"}
            path = "/graphql/?" + urllib.parse.urlencode({"query": CONTENT_QUERY, "variables": json.dumps(variables)})
            answer = self.send(connection, "GET", path, {}, None)
            if answer.get("errors"):
                raise RuntimeError(f"content poll: {answer['errors'][0]['message']}")
            self.schedule(now + POLL_SECONDS, screen, "content")


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


def wait_until_seen(fleet: Fleet, key: tuple[str, bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and len(fleet.seen.get(key, {})) < len(fleet.screens):
        time.sleep(0.2)


def main() -> None:
    import psycopg

    workdir = Path(tempfile.mkdtemp(prefix="btcms-bench-fleet-"))
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    database_url = urllib.parse.urlparse(ADMIN_URL)._replace(path=f"/{DB_NAME}").geturl()
    # Workers are not recycled during the run, so each one's CPU time is counted whole.
    env = environment(workdir, DATABASE_URL=database_url, REDIS_URL="redis://127.0.0.1:6379/14",
                      GUNICORN_MAX_REQUESTS="0", GUNICORN_THREADS=os.environ.get("GUNICORN_THREADS", "8"))  # fmt: skip
    subprocess.run(["redis-cli", "-n", "14", "FLUSHDB"], capture_output=True, check=False)
    print(f"Seeding the demo site and {FLEET_SIZE} paired screens (PostgreSQL database {DB_NAME}) ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    fleet_rows = json.loads(manage(env, "shell", "-c", SEED.format(size=FLEET_SIZE)).strip().splitlines()[-1])
    manage(env, "collectstatic", "--noinput")
    screens = [Screen(i, secret, slug) for i, (secret, slug) in enumerate(fleet_rows)]

    server, port = serve(env)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--loop"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    fleet = Fleet(port, screens)
    threads = [threading.Thread(target=fleet.dispatch, daemon=True)]
    threads += [threading.Thread(target=fleet.serve_requests, daemon=True) for _ in range(CONNECTIONS)]
    try:
        for thread in threads:
            thread.start()
        print(f"Warming up for {POLL_SECONDS:.0f} s (every screen polls once) ...", flush=True)
        time.sleep(POLL_SECONDS)
        app, work = tree(server.pid), tree(worker.pid)
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

        issued = manage(env, "shell", "-c", ALERT).strip().splitlines()[-1].split()
        alert_id, saved_at = issued[0], float(issued[1])
        wait_until_seen(fleet, (alert_id, True))
        print(f"alert saved -> on screens: {delays(fleet.seen.get((alert_id, True), {}), saved_at, FLEET_SIZE)}")
        cleared_at = float(manage(env, "shell", "-c", CLEAR.format(pk=alert_id)).split()[-1])
        wait_until_seen(fleet, (alert_id, False))
        print(f"all-clear -> off screens:  {delays(fleet.seen.get((alert_id, False), {}), cleared_at, FLEET_SIZE)}")
        print(f"measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    finally:
        fleet.running = False
        stop(server)
        stop(worker)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
