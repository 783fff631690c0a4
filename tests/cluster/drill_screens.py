"""What the alert drill watches: simulated screens speaking the display protocol, and two public probes.

A `Screen` does what displays/static/displays/fleet.js and alerts.js do with a paired credential: the pulse
every pulse interval, a heartbeat every minute, and its alerts at start, after a restart, after any failed
request followed by a good one, on the first pulse it hears, whenever a pulse number moves and at the
answer's `validUntil`; a failed alerts fetch is tried again after 2 s. It "shows" an alert while its last good
alerts answer lists it and the alert is in force by its times. `cut_off()` makes every request fail as a lost
network does; `restart()` forgets what a browser keeps in memory and keeps what it keeps in localStorage.

A `Probe` reads one public address (the GraphQL `alerts` query, a site page with its banner) twice a second.
Each watcher keeps a timeline of (monotonic time, shows) whenever what it shows changes.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable

import requests

ALERTS_RETRY_SECONDS = 2.0
HEARTBEAT_SECONDS = 60.0
DEFAULT_PULSE_SECONDS = 5.0
FETCH_TIMEOUT = 10.0  # alerts.js aborts an alerts fetch after 10 s


class CutOff(requests.ConnectionError):
    """The screen's network is gone: no request leaves it."""


class Watcher:
    """Something that shows the drill's alert or not, with the times that changed."""

    name = ""

    def __init__(self) -> None:
        self.title: str | None = None  # the alert the drill looks for now
        self.timeline: list[tuple[float, bool]] = [(time.monotonic(), False)]
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.failures = 0

    def look_for(self, title: str) -> None:
        with self.lock:
            self.title = title
            self.timeline = [(time.monotonic(), False)]

    def note(self, shows: bool) -> None:
        with self.lock:
            if self.timeline[-1][1] != shows:
                self.timeline.append((time.monotonic(), shows))

    def run(self, deadline: float) -> None:
        raise NotImplementedError

    def history(self) -> list[tuple[float, bool]]:
        with self.lock:
            return list(self.timeline)


def in_force(alert: dict, now: datetime.datetime) -> bool:
    starts = alert.get("startsAt")
    ends = alert.get("endsAt")
    return (not starts or datetime.datetime.fromisoformat(starts) <= now) and (
        not ends or now < datetime.datetime.fromisoformat(ends)
    )


class Screen(Watcher):
    """One paired screen's browser, run on a thread until `stop` is set or its deadline passes."""

    def __init__(self, name: str, base: str, credential: str, first_pulse_after: float) -> None:
        super().__init__()
        self.name, self.base, self.credential = name, base, credential
        self.first_pulse_after = first_pulse_after  # a fleet's screens do not all poll in the same instant
        self.offline = threading.Event()
        self._restart_asked = False
        self.saved_answer: dict | None = None  # localStorage: alerts.js keeps the last good answer there
        self.pulses_seen: list[dict] = []
        self.events: list[tuple[float, str]] = []  # what it heard, for a failing row's report
        self._boot()

    def _boot(self) -> None:
        """What a fresh page load starts with: nothing in memory, everything due now."""
        self.http = requests.Session()
        self.pulse: dict | None = None
        self.pulse_seconds = DEFAULT_PULSE_SECONDS
        self.failed = False
        now = time.monotonic()
        self.next_pulse = now + self.first_pulse_after
        self.next_heartbeat = now
        self.next_alerts: float | None = now

    def restart(self) -> None:
        """The browser restarts: in-memory state is lost (done on the screen's own thread, at its next turn)."""
        self._restart_asked = True

    def _request(self, method: str, path: str, **kwargs: object) -> dict:
        if self.offline.is_set():
            raise CutOff("the screen's network is down")
        # The pulse is public (fleet.js asks it without the credential); the rest is the screen's own.
        headers = {} if path.endswith("/pulse") else {"Authorization": f"Bearer {self.credential}"}
        response = self.http.request(method, self.base + path, headers=headers, timeout=FETCH_TIMEOUT, **kwargs)
        response.raise_for_status()
        return response.json()

    def _call(self, method: str, path: str, **kwargs: object) -> dict | None:
        """A request; a failure marks the screen disconnected, and the next good answer is a reconnect."""
        try:
            answer = self._request(method, path, **kwargs)
        except (requests.RequestException, ValueError):
            self.failed = True
            self.failures += 1
            return None
        if self.failed:
            self.failed = False
            self.next_alerts = time.monotonic()  # reconnected: ask for the alerts at once
        return answer

    def _note_pulse(self, numbers: dict, from_pulse: bool) -> None:
        before, self.pulse = self.pulse, numbers
        if not self.pulses_seen or self.pulses_seen[-1] != numbers:
            self.pulses_seen.append(numbers)
            self.events.append((time.monotonic(), f"pulse {numbers.get('alerts')}"))
        if before is None or numbers.get("alerts") != before.get("alerts"):
            self.next_alerts = time.monotonic()  # the first pulse heard, or the alerts moved
        if from_pulse and before is not None and numbers.get("fleet") != before.get("fleet"):
            self.next_heartbeat = time.monotonic()

    def _alerts(self) -> None:
        answer = self._call("GET", "/display/api/alerts")
        if answer is None:
            self.next_alerts = time.monotonic() + ALERTS_RETRY_SECONDS
            self.events.append((time.monotonic(), "alerts failed"))
            return
        self.saved_answer = answer
        self.events.append((time.monotonic(), "alerts with it" if self.shows() else "alerts without it"))
        self.next_alerts = None
        if answer.get("validUntil"):
            until = datetime.datetime.fromisoformat(answer["validUntil"])
            wait = (until - datetime.datetime.now(datetime.UTC)).total_seconds()
            self.next_alerts = time.monotonic() + max(1.0, wait + 0.5)

    def _heartbeat(self) -> None:
        body = {"scriptVersion": "drill", "offline": self.failed, "showing": {"kind": "story"}}
        answer = self._call("POST", "/display/api/heartbeat", json=body)
        self.next_heartbeat = time.monotonic() + HEARTBEAT_SECONDS
        if answer is not None:
            seconds = (answer.get("display") or {}).get("pulseSeconds")
            self.pulse_seconds = float(seconds or DEFAULT_PULSE_SECONDS)
            if answer.get("pulse"):
                self._note_pulse(answer["pulse"], from_pulse=False)

    def _poll_pulse(self) -> None:
        self.next_pulse = time.monotonic() + self.pulse_seconds
        answer = self._call("GET", "/display/api/pulse")
        if answer is not None:
            self._note_pulse(answer, from_pulse=True)

    def shows(self) -> bool:
        if self.title is None or self.saved_answer is None:
            return False
        now = datetime.datetime.now(datetime.UTC)
        return any(
            in_force(alert, now) and any(text.get("title") == self.title for text in alert.get("texts", []))
            for alert in self.saved_answer.get("alerts", [])
        )

    def run(self, deadline: float) -> None:
        while not self.stop.is_set() and time.monotonic() < deadline:
            if self._restart_asked:
                self._restart_asked = False
                self._boot()
            now = time.monotonic()
            if self.next_alerts is not None and now >= self.next_alerts:
                self._alerts()
            elif now >= self.next_heartbeat:
                self._heartbeat()
            elif now >= self.next_pulse:
                self._poll_pulse()
            self.note(self.shows())
            due = min(t for t in (self.next_alerts, self.next_heartbeat, self.next_pulse) if t is not None)
            self.stop.wait(min(0.2, max(0.0, due - time.monotonic())))


class Probe(Watcher):
    """A public reader polling one address; it shows the alert while its last good answer carries the title."""

    def __init__(self, name: str, url: str, carries: Callable[[requests.Response, str], bool]) -> None:
        super().__init__()
        self.name, self.url, self.carries = name, url, carries

    def run(self, deadline: float) -> None:
        http = requests.Session()
        while not self.stop.is_set() and time.monotonic() < deadline:
            title = self.title
            try:
                response = http.get(self.url, headers={"Accept": "application/json, text/html"}, timeout=10)
                good = response.status_code == 200
            except requests.RequestException:
                good = False
            if not good:
                self.failures += 1
            elif title is not None:
                self.note(self.carries(response, title))
            self.stop.wait(0.5)


def graphql_carries(response: requests.Response, title: str) -> bool:
    data = response.json().get("data") or {}
    return any(alert.get("title") == title for alert in data.get("alerts") or [])


def banner_carries(response: requests.Response, title: str) -> bool:
    return 'class="alert-banner' in response.text and title in response.text


def start(watchers: list[Watcher], seconds: float) -> list[threading.Thread]:
    """Each watcher on a thread of its own that ends by itself after `seconds` at the latest."""
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=w.run, args=(deadline,), name=w.name, daemon=True) for w in watchers]
    for thread in threads:
        thread.start()
    return threads


def finish(watchers: list[Watcher], threads: list[threading.Thread]) -> None:
    for watcher in watchers:
        watcher.stop.set()
    for thread in threads:
        thread.join(timeout=15)
