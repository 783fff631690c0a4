"""The alert drill's hands: issue and clear an alert through admin, take a service away and bring it back.

An alert is issued as an editor issues one (Displays > Alerts > Add, the form tests/displays/test_alerts_admin.py
posts) and ended with its All clear button. While a fault keeps admin from answering (PostgreSQL restarting),
the editor tries again until admin takes it; every try is counted and reported.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

import psycopg
import requests

from tests.cluster.conftest import AdminSession, Cluster
from tests.services import ROOT, manage

ISSUE_PATIENCE = 30.0  # seconds an editor keeps trying while admin fails
DISTRICT_TIME = zoneinfo.ZoneInfo("America/Los_Angeles")  # settings.TIME_ZONE: admin's form reads this time


@dataclass
class Issued:
    """How issuing or clearing went: when the editor started, how many tries, what the failed ones answered."""

    started: float
    tries: int = 0
    failures: list[str] = field(default_factory=list)


def _form(title: str) -> dict[str, str]:
    now = datetime.datetime.now(DISTRICT_TIME)
    return {
        "severity": "extreme",
        "scope": "district",
        "starts_at": now.strftime("%Y-%m-%d %H:%M"),
        "ends_at": "",
        "texts-TOTAL_FORMS": "1",
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "1",
        "texts-MAX_NUM_FORMS": "10",
        "texts-0-id": "",
        "texts-0-language": "en",
        "texts-0-title": title,
        "texts-0-message": "This is a drill. Stay where you are.",
        "texts-0-DELETE": "",
    }


def _until_redirected(admin: AdminSession, path: str, data: dict[str, str]) -> Issued:
    done = Issued(time.monotonic())
    while time.monotonic() < done.started + ISSUE_PATIENCE:
        done.tries += 1
        try:
            response = admin.post(path, data)
        except requests.RequestException as failure:
            done.failures.append(type(failure).__name__)
        else:
            if response.status_code == 302:
                return done
            done.failures.append(str(response.status_code))
        time.sleep(0.5)
    raise AssertionError(f"admin did not take {path} in {ISSUE_PATIENCE:.0f} s: {done.failures}")


def issue(admin: AdminSession, title: str) -> Issued:
    return _until_redirected(admin, "/admin/alert/new/", _form(title))


def alert_ids(cluster: Cluster, title: str) -> list[int]:
    """The alerts with these words (a try whose answer was lost may have stored one more)."""
    with psycopg.connect(cluster.postgres.url("cms")) as connection:
        rows = connection.execute(
            "SELECT DISTINCT alert_id FROM displays_alerttext WHERE title = %s ORDER BY alert_id", (title,)
        ).fetchall()
    return [row[0] for row in rows]


def all_clear(admin: AdminSession, cluster: Cluster, title: str) -> Issued:
    ids = alert_ids(cluster, title)
    assert ids, f"no alert titled {title!r} was stored"
    done = Issued(time.monotonic())
    for pk in ids:
        cleared = _until_redirected(admin, f"/admin/alert/all-clear/{pk}/", {})
        done.tries += cleared.tries
        done.failures += cleared.failures
    return done


def make_screens(cluster: Cluster, count: int) -> list[str]:
    """`count` district screens paired in the ORM, as admin's pairing leaves them; their credentials."""
    code = (
        "import json\n"
        "from displays.credentials import issue_credential\n"
        "from displays.models import Display\n"
        f"screens = [Display.objects.create(name=f'Drill screen {{i}}') for i in range({count})]\n"
        "print('CREDENTIALS ' + json.dumps([issue_credential(screen) for screen in screens]))\n"
    )
    out = manage(cluster.env, "shell", "-c", code)
    line = next(line for line in out.splitlines() if line.startswith("CREDENTIALS "))
    return json.loads(line.removeprefix("CREDENTIALS "))


class Worker:
    """`manage.py run_worker --loop`, as production runs it beside the app servers."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(prefix="btcms-worker-")  # noqa: SIM115 (closed with the test)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--loop"], cwd=ROOT, env=self.env,
            stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Fault:
    """A fault the drill puts the cluster through: `begin` takes something away, `end` gives it back.

    `issue_after_end`: the alert is issued the moment the fault ends (PostgreSQL accepting again, the app's
    connections from before still dead), not during it; the delays count from the editor's first try."""

    name: str
    begin: Callable[[], None]
    end: Callable[[], None]
    issue_after_end: bool = False
    note: str = ""  # how the alert was issued, when not simply during the fault


def redis_signal(cluster: Cluster, number: int) -> Callable[[], None]:
    def send() -> None:
        assert cluster.redis.process is not None
        cluster.redis.process.send_signal(number)
        if number == signal.SIGKILL:
            cluster.redis.process.wait(timeout=10)

    return send


def log_tail(log: IO[bytes], characters: int = 2500) -> str:
    """The end of a server's or the worker's log file, for a failing row's report. Read by position: the file
    shares its offset with the process still writing to it, so a seek here would make it write over itself."""
    try:
        size = os.fstat(log.fileno()).st_size
        return os.pread(log.fileno(), characters, max(0, size - characters)).decode(errors="replace")
    except (OSError, ValueError):
        return "(log closed)"
