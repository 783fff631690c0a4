"""The fleet benchmark's screens: each paired display's requests at its default intervals, as display.js makes
them, sent over keep-alive connections by a pool of threads, noting when each screen first sees an alert come
and go.
"""

from __future__ import annotations

import datetime
import heapq
import http.client
import json
import queue
import random
import threading
import time
import urllib.parse

from bench.api_queries import display_js_query

PULSE_SECONDS, POLL_SECONDS = 5.0, 60.0

# What display.js sends for a fleet screen in two languages: its own buildQuery() (no `at`: a screen shows now).
CONTENT_QUERY = display_js_query(["en", "es"])


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


def wait_until_seen(fleet: Fleet, key: tuple[str, bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and len(fleet.seen.get(key, {})) < len(fleet.screens):
        time.sleep(0.2)
