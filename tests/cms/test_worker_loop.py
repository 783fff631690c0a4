"""The worker's loop: a failing duty is retried with growing waits while the others run, a lost database is
waited out, and each tick is recorded where admin and a health check read it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from cms.models import WorkerBeat
from cms.worker import Duty, Worker, last_tick

pytestmark = pytest.mark.django_db


class Clock:
    """time.monotonic() for cms.worker, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("cms.worker.time.monotonic", clock)
    return clock


def test_a_failing_duty_waits_longer_each_time_and_the_others_still_run(settings, clock: Clock) -> None:
    settings.WORKER_RETRY_CAP_SECONDS = 5
    runs: list[str] = []

    def broken() -> None:
        runs.append("broken")
        raise RuntimeError("the mail server's name is misspelt")

    worker = Worker(1.0, name="test:1")
    worker.duties = [Duty("broken", broken), Duty("fine", lambda: runs.append("fine"))]
    waits = []
    for _ in range(5):
        worker.tick()
        waits.append(worker.duties[0].next_try - clock.now)
        clock.now = worker.duties[0].next_try
    assert waits == [1, 2, 4, 5, 5]  # doubling from the interval, up to the cap
    assert runs.count("fine") == 5 and runs.count("broken") == 5
    assert WorkerBeat.objects.get(name="test:1").failing == ["broken"]

    worker.duties[0].run = lambda: None
    worker.tick()
    assert worker.duties[0].failures == 0
    assert WorkerBeat.objects.get(name="test:1").failing == []


def test_a_lost_database_is_waited_out_with_growing_waits_and_fresh_connections(
    settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.WORKER_RETRY_CAP_SECONDS = 300
    dropped: list[bool] = []
    monkeypatch.setattr("cms.worker.drop_connections", lambda: dropped.append(True))

    def lost() -> None:
        raise OperationalError("terminating connection due to administrator command")

    worker = Worker(1.0, name="test:1")
    worker.duties = [Duty("scheduled publishing", lost), Duty("email", lambda: {"sent": 1})]
    steps = [worker.step() for _ in range(4)]
    assert steps == [(None, 1), (None, 2), (None, 4), (None, 8)]  # never a busy loop
    assert len(dropped) == 4
    assert worker.duties[0].failures == 0  # the database's outage, not the duty's fault: no wait of its own

    worker.duties[0].run = lambda: None  # the database is back
    assert worker.step() == ({"sent": 1}, 1)
    assert worker.outages == 0


def test_last_tick_is_the_age_of_the_newest_tick() -> None:
    assert last_tick() is None
    now = timezone.now()
    WorkerBeat.objects.create(name="a:1", last_tick_at=now - datetime.timedelta(seconds=40), interval_seconds=30)
    WorkerBeat.objects.create(name="b:2", last_tick_at=now - datetime.timedelta(seconds=10), interval_seconds=30)
    assert 10 <= last_tick() < 15


def test_a_tick_from_cron_is_recorded_too() -> None:
    call_command("run_worker", stdout=io.StringIO())
    beat = WorkerBeat.objects.get()
    assert beat.name.endswith(":cron") and beat.interval_seconds == 60
    assert last_tick() < 5


def test_the_dashboard_says_when_the_worker_last_ticked_and_flags_it_three_ticks_late(admin_client: Client) -> None:
    assert "No worker has ticked in the last day" in admin_client.get("/admin/").content.decode()

    beat = WorkerBeat.objects.create(
        name="a:1", last_tick_at=timezone.now() - datetime.timedelta(seconds=20), interval_seconds=30
    )
    page = admin_client.get("/admin/").content.decode()
    assert "Worker last ticked 20 s ago (a tick every 30 s)" in page and "down or stuck" not in page

    WorkerBeat.objects.filter(pk=beat.pk).update(
        last_tick_at=timezone.now() - datetime.timedelta(seconds=95), failing=["email"]
    )
    page = admin_client.get("/admin/").content.decode()
    assert "Worker last ticked 95 s ago, more than three ticks (30 s each): it is down or stuck." in page
    assert "Failing, retried with growing waits: email." in page
