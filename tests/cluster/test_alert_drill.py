"""The alert guarantee's fault drill (docs: /work/shared/DESIGN.md, "The alert guarantee").

For each fault the district will meet, an editor issues an alert through admin while it lasts, the fault
ends, and 20 paired screens, the GraphQL `alerts` query and the site's banner are watched until they show
it; then the all-clear, watched until they stop. Every one must show it within 10 s of the fault's end and
stop within 10 s of the all-clear. The table of delays is printed whether the drill passes or not.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cluster.conftest import AdminSession, Cluster
from tests.cluster.drill_faults import Fault, Issued, Worker, all_clear, issue, log_tail, make_screens, redis_signal
from tests.cluster.drill_report import Outcome, Row, failures, outcome, table
from tests.cluster.drill_screens import Probe, Screen, Watcher, banner_carries, finish, graphql_carries, start
from tests.services import AppServer, Balancer

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]

SCREENS = 20
PULSE_SECONDS = 5.0
SHOW_WINDOW = 11.0  # watched this long after the fault's end: a little past the bound, so a late one is measured
CLEAR_WINDOW = 11.0
FAULT_SECONDS = 2.0  # the alert is issued this long into a fault, which lasts this long after
ALERTS_QUERY = "/graphql/?query=%7B%20alerts%20%7B%20id%20title%20%7D%20%7D"  # { alerts { id title } }


def fleet(base: str, credentials: list[str]) -> list[Watcher]:
    """The screens, their first pulses spread over one pulse interval, and the two public readers."""
    screens: list[Watcher] = [
        Screen(f"screen {i:02d}", base, secret, first_pulse_after=i * PULSE_SECONDS / len(credentials))
        for i, secret in enumerate(credentials)
    ]
    probes = [Probe("graphql", base + ALERTS_QUERY, graphql_carries), Probe("banner", base + "/", banner_carries)]
    return [*screens, *probes]


def drill_row(fault: Fault, watchers: list[Watcher], admin: AdminSession, cluster: Cluster) -> Row:
    title = f"Drill {fault.name} {uuid.uuid4().hex[:8]}"
    for watcher in watchers:
        watcher.look_for(title)
    issued: Issued | None = None
    fault.begin()
    try:
        if not fault.issue_after_end:
            time.sleep(FAULT_SECONDS / 2)
            issued = issue(admin, title)
            time.sleep(FAULT_SECONDS)
    finally:
        fault.end()
    fault_end = time.monotonic()
    if issued is None:
        issued = issue(admin, title)
    time.sleep(max(0.0, fault_end + SHOW_WINDOW - time.monotonic()))
    cleared = all_clear(admin, cluster, title)
    clear_at = cleared.started
    time.sleep(max(0.0, clear_at + CLEAR_WINDOW - time.monotonic()))
    row_end = time.monotonic()
    notes = [fault.note] if fault.note else []
    if issued.tries > 1:
        notes.append(f"issue took {issued.tries} tries ({', '.join(issued.failures)})")
    if cleared.tries > 1:
        notes.append(f"all-clear took {cleared.tries} tries")
    return Row(fault.name, [outcome(w, fault_end, clear_at, row_end) for w in watchers], notes)


def drill_row_or_error(fault: Fault, watchers: list[Watcher], admin: AdminSession, cluster: Cluster) -> Row:
    """A row that could not be drilled (admin never took the alert, say) fails in the table with its reason,
    and the drill goes on to the next fault."""
    try:
        return drill_row(fault, watchers, admin, cluster)
    except (AssertionError, OSError) as problem:
        reason = f"not drilled: {problem}"
        return Row(fault.name, [Outcome(w.name, None, None, 0, reason) for w in watchers], [reason[:200]])


@pytest.fixture
def worker(cluster: Cluster) -> Iterator[Worker]:
    running = Worker(cluster.env)
    running.start()
    yield running
    running.stop()


def faults_on_the_cluster(cluster: Cluster, worker: Worker, screens: list[Screen]) -> list[Fault]:
    def cut_and_restart() -> None:
        for screen in screens:
            screen.offline.set()
        time.sleep(0.5)
        for screen in screens:
            screen.restart()

    def reconnect() -> None:
        for screen in screens:
            screen.offline.clear()

    return [
        Fault("redis killed", redis_signal(cluster, signal.SIGKILL), cluster.redis.start),
        Fault("redis frozen", redis_signal(cluster, signal.SIGSTOP), redis_signal(cluster, signal.SIGCONT)),
        Fault("postgresql restarted", cluster.postgres.stop, cluster.postgres.start, True, "issued as it accepts"),
        Fault("worker killed", worker.kill, worker.start),
        Fault("screens offline, restarted", cut_and_restart, reconnect),
    ]


def noop() -> None:
    pass


def two_servers_without_redis(cluster: Cluster, folder: Path, credentials: list[str]) -> Row:
    """Two app processes, each with its own in-process cache, sharing the database, behind their own nginx;
    the screens and readers go through it, the alert is issued on the first process's admin."""
    env = {key: value for key, value in cluster.env.items() if key != "REDIS_URL"}
    servers = [AppServer(env, "local-1"), AppServer(env, "local-2")]
    balancer = Balancer(folder, [server.port for server in servers])
    try:
        for server in servers:
            server.start()
        balancer.start()
        admin = AdminSession(f"http://127.0.0.1:{servers[0].port}")
        watchers = fleet(f"http://127.0.0.1:{balancer.port}", credentials)
        threads = start(watchers, seconds=80)
        time.sleep(PULSE_SECONDS + 1)  # every screen has heard a pulse: a fleet running before the alert
        try:
            # Nothing to end: the delays count from the editor issuing it.
            two = Fault("two processes, no Redis", noop, noop, issue_after_end=True, note="issued on local-1's admin")
            row = drill_row(two, watchers, admin, cluster)
        finally:
            finish(watchers, threads)
        logs = [f"{s.name}: {tail}" for s in servers if (tail := log_tail(s.log, 600).strip())]
        if row.failing() and logs:
            row.notes.append("logs: " + " | ".join(logs).replace("\n", " "))
        return row
    finally:
        balancer.stop()
        for server in servers:
            server.stop()


def test_an_alert_reaches_every_screen_through_every_fault(
    cluster: Cluster, worker: Worker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    credentials = make_screens(cluster, SCREENS)
    admin = AdminSession(cluster.direct(0))  # as the other cluster tests sign in: on one app server
    watchers = fleet(cluster.front, credentials)
    screens = [w for w in watchers if isinstance(w, Screen)]
    faults = faults_on_the_cluster(cluster, worker, screens)
    threads = start(watchers, seconds=len(faults) * 40 + 30)
    rows: list[Row] = []
    try:
        time.sleep(PULSE_SECONDS + 1)
        for fault in faults:
            rows.append(drill_row_or_error(fault, watchers, admin, cluster))
    finally:
        finish(watchers, threads)
    rows.append(two_servers_without_redis(cluster, tmp_path / "nginx-local", credentials))

    report = (
        f"Alert drill ({time.monotonic() - started:.0f} s; delays in seconds from the fault's end and from the "
        f"all-clear; p50/p99/max over {SCREENS} screens, GraphQL and the banner)\n{table(rows)}\n"
    )
    with capsys.disabled():
        print(f"\n\n{report}")
    if os.environ.get("ALERT_DRILL_REPORT"):  # .ci/run prints it: pytest-xdist keeps a worker's own output
        Path(os.environ["ALERT_DRILL_REPORT"]).write_text(report)
    bad = failures(rows)
    if bad:
        logs = "\n".join(f"--- app server {s.name} log:\n{log_tail(s.log)}" for s in cluster.servers)
        pytest.fail(f"The alert guarantee does not hold:\n{bad}\n{logs}\n--- worker log:\n{log_tail(worker.log)}")
