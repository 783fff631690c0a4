"""The background worker: send the email and webhooks that are due, apply scheduled go-lives and expiries,
keep delta sync in step, and run each app's own periodic duty.

Wagtail applies `go_live_at`/`expire_at` only when `publish_scheduled` runs, and no request does it: a
GET never writes. The worker (`manage.py run_worker --loop`, every 30 seconds by default) runs it, so a
page goes live at most one tick late. Answers stay honest meanwhile: the API hides an expired page
whether or not it has been unpublished yet, and no cached answer is kept past the next go-live or expiry
instant (`cms.boundaries`); publishing then moves the generation every cached answer is kept under.

The loop never stays down. A duty that fails is logged and tried again after one interval, then twice as
long each time, at most WORKER_RETRY_CAP_SECONDS, without keeping the other duties from running. A lost
database (restarted, failed over) ends the tick: the worker closes its connections and tries again with the
same growing waits, so it neither dies nor spins. Each finished tick is written to the database
(`WorkerBeat`), where admin and `last_tick()` read how long ago the worker last ticked.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from wagtail import hooks

from cms.leases import until_idle
from cms.models import WorkerBeat
from cms.outbox import send_outbox
from cms.sync.journal import purge, sync_everything
from cms.webhooks.sending import send_due_webhooks
from cms.webhooks.signals import emit_timed_events, scheduled_changes

duty_log = logging.getLogger("cms.worker.duties")
logger = logging.getLogger("cms.worker")

# What a lost database raises (a restart's AdminShutdown, a refused or broken connection), as against a
# duty's own failure: the whole tick waits for the database to come back.
DATABASE_LOST = (OperationalError, InterfaceError)
# A worker whose last tick is older than this many intervals is down or stuck.
STALE_TICKS = 3
# Beats of workers gone this long are forgotten (each process writes its own).
FORGET_AFTER = datetime.timedelta(days=1)
# One `run_worker` without --loop is meant for cron, every minute.
CRON_INTERVAL = 60.0

EMAIL_KEYS = ("sent", "deferred", "gave_up")


def send_due_email() -> dict[str, int]:
    """Send every due message, batch after batch, until a batch sends nothing (the rest wait for retry)."""
    return until_idle(send_outbox, EMAIL_KEYS, "sent")


def publish_due_pages() -> None:
    with scheduled_changes():  # webhook events say a schedule took effect
        call_command("publish_scheduled", stdout=io.StringIO())


def keep_sync_in_step() -> None:
    # Expiries and anything no signal saw reach delta sync; removals past the retention window are forgotten.
    sync_everything()
    purge()


def run_app_duties() -> None:
    """Each app's own periodic duty once, outside the loop (which runs each as a duty of its own). One that
    fails is logged; it does not keep the others from running."""
    for duty in hooks.get_hooks("worker_tick"):
        try:
            duty()
        except Exception:
            logger.exception("Worker duty %s failed.", getattr(duty, "__qualname__", duty))


def log_duty(name: str, started: float, outcome: str) -> None:
    """One line per duty run: its name, outcome and duration (as JSON with LOG_FORMAT=json)."""
    ms = round((time.monotonic() - started) * 1000, 2)
    duty_log.info(
        "%s: %s", name, outcome, extra={"event": "worker.duty", "duty": name, "outcome": outcome, "duration_ms": ms}
    )


def backoff(interval: float, failures: int) -> float:
    """The wait after `failures` failures in a row: one interval, then doubling, at most the cap."""
    cap = max(settings.WORKER_RETRY_CAP_SECONDS, interval)
    return min(interval * 2 ** min(max(failures - 1, 0), 16), cap)


@dataclass
class Duty:
    name: str
    run: Callable[[], object]
    failures: int = 0
    next_try: float = 0.0  # time.monotonic()


def duties() -> list[Duty]:
    """The worker's duties in the order a tick runs them; each app adds its own with a `worker_tick` hook
    (e.g. the display fleet's heartbeat flush)."""
    own = [Duty(f"app duty {getattr(duty, '__qualname__', duty)}", duty) for duty in hooks.get_hooks("worker_tick")]
    return [
        Duty("scheduled publishing", publish_due_pages),
        Duty("timed webhook events", emit_timed_events),
        Duty("delta sync", keep_sync_in_step),
        *own,
        # Last, so the deliveries and email the other duties queued go out in the same tick.
        Duty("webhooks", send_due_webhooks),
        Duty("email", send_due_email),
    ]


class Worker:
    """One worker process: its duties with their failures, and its name in `WorkerBeat`."""

    def __init__(self, interval: float, name: str | None = None) -> None:
        self.interval = interval
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.duties = duties()
        self.outages = 0

    def tick(self) -> dict[str, int]:
        """Run every duty that is due, then record the tick; returns what became of the email. A lost
        database is raised (DATABASE_LOST); any other failure is a duty's own, logged and retried later."""
        email = dict.fromkeys(EMAIL_KEYS, 0)
        now = time.monotonic()
        for duty in self.duties:
            if duty.next_try > now:
                continue
            started = time.monotonic()
            try:
                result = duty.run()
            except DATABASE_LOST:
                log_duty(duty.name, started, "database lost")
                raise
            except Exception:
                log_duty(duty.name, started, "failed")
                duty.failures += 1
                wait = backoff(self.interval, duty.failures)
                duty.next_try = time.monotonic() + wait
                logger.exception(
                    "Worker duty %s failed (%s in a row); it runs again in %.0f s.", duty.name, duty.failures, wait
                )
            else:
                log_duty(duty.name, started, "ok")
                duty.failures, duty.next_try = 0, 0.0
                if duty.name == "email" and isinstance(result, dict):
                    email = result
        beat(self.name, self.interval, [duty.name for duty in self.duties if duty.failures])
        return email

    def step(self) -> tuple[dict[str, int] | None, float]:
        """One tick that never raises (but for an interrupt): the email's fate (None when the tick did not
        finish) and how long to wait before the next."""
        try:
            email = self.tick()
        except DATABASE_LOST as error:
            self.outages += 1
            wait = backoff(self.interval, self.outages)
            logger.warning("The database is unreachable (%s); the worker tries again in %.0f s.", error, wait)
            drop_connections()
            return None, wait
        except Exception:  # recording the tick failed for a reason of its own: not a reason to stop
            self.outages += 1
            wait = backoff(self.interval, self.outages)
            logger.exception("The worker's tick failed; it tries again in %.0f s.", wait)
            return None, wait
        if self.outages:
            logger.info("The worker ticks again after %s failed ticks.", self.outages)
            self.outages = 0
        return email, self.interval

    def run_forever(self, report: Callable[[dict[str, int]], None]) -> None:
        while True:
            email, wait = self.step()
            if email is not None:
                report(email)
            time.sleep(wait)


def drop_connections() -> None:
    """Close every database connection this thread holds, so the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # it is broken already: closing it is all that was wanted
            logger.debug("Closing a broken database connection failed", exc_info=True)


def tick() -> dict[str, int]:
    """One round of every duty, as cron runs it; returns what became of the email."""
    return Worker(CRON_INTERVAL, name=f"{socket.gethostname()}:cron").tick()


def beat(name: str, interval: float, failing: list[str]) -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(
        name=name, defaults={"last_tick_at": now, "interval_seconds": interval, "failing": failing}
    )
    WorkerBeat.objects.filter(last_tick_at__lt=now - FORGET_AFTER).delete()


@dataclass
class Liveness:
    age: float  # seconds since the newest tick of any worker
    interval: float
    failing: list[str]

    @property
    def stale(self) -> bool:
        return self.age > STALE_TICKS * self.interval


def liveness() -> Liveness | None:
    """How the most recently ticking worker is doing; None when no worker has ticked for a day."""
    newest = WorkerBeat.objects.order_by("-last_tick_at").first()
    if newest is None:
        return None
    age = max((timezone.now() - newest.last_tick_at).total_seconds(), 0.0)
    return Liveness(age, newest.interval_seconds, newest.failing)


def last_tick() -> float | None:
    """Seconds since a worker last finished a tick (for a health check); None when none has for a day."""
    found = liveness()
    return None if found is None else found.age
