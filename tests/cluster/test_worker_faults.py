"""Faults the worker (`run_worker --loop`) survives, run as a process of its own against a PostgreSQL of the
test's own: PostgreSQL restarted under it, and the worker itself killed in the middle of sending."""

from __future__ import annotations

import email
import time
from collections import Counter
from collections.abc import Callable

import psycopg
import pytest

from tests.services import PostgresServer, SmtpSink, WebhookReceiver, WorkerProcess, manage

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster")]

QUEUE_EMAIL = """
from cms.outbox import queue_email
queue_email(to=["ana@example.org"], subject="Before the restart", body="Hello.", topic="test.restart")
"""
QUEUE_EMAIL_AND_WEBHOOK = """
from cms.outbox import queue_email
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
queue_email(to=["ana@example.org"], subject="After the restart", body="Hello.", topic="test.restart")
endpoint = WebhookEndpoint.objects.create(name="Receiver", url="{url}")
WebhookDelivery.objects.create(endpoint=endpoint, event=WebhookEvent.objects.create(type="test"))
"""
QUEUE_MANY = """
from cms.outbox import queue_email
for n in range({count}):
    queue_email(to=["ana@example.org"], subject=f"Message {{n}}", body="Hello.", topic="test.kill")
"""


def wait_for(condition: Callable[[], object], seconds: float, what: str, worker: WorkerProcess) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            state = "running" if worker.process.poll() is None else f"exited with {worker.process.returncode}"
            pytest.fail(
                f"{what} did not happen within {seconds:.0f} s; the worker is {state}:\n{worker.output()[-3000:]}"
            )
        time.sleep(0.2)


def count(postgres: PostgresServer, sql: str, *params: object) -> int:
    try:
        with psycopg.connect(postgres.url("cms"), connect_timeout=2) as connection:
            return connection.execute(sql, params).fetchone()[0]
    except psycopg.Error:
        return 0


def test_the_worker_outlives_a_postgresql_restart_and_then_sends_email_and_webhooks(
    worker_postgres: PostgresServer, worker_env: dict[str, str]
) -> None:
    sink, receiver = SmtpSink(), WebhookReceiver()
    env = {**worker_env, "EMAIL_PORT": str(sink.port)}
    manage(env, "shell", "-c", QUEUE_EMAIL)
    worker = WorkerProcess(env)
    try:
        wait_for(lambda: sink.messages, 120, "sending the first email", worker)
        worker_postgres.stop()
        time.sleep(3)  # three ticks with no database
        worker_postgres.start()
        manage(env, "shell", "-c", QUEUE_EMAIL_AND_WEBHOOK.format(url=receiver.url))
        wait_for(lambda: len(sink.messages) == 2 and receiver.bodies, 60, "sending the email and the webhook", worker)
        assert worker.process.poll() is None
        assert b"Subject: After the restart" in sink.messages[1]
        assert receiver.bodies[0]["type"] == "test"
        assert "The database is unreachable" in worker.output()
        # Its liveness is in the database, where admin and a health check read it.
        ticked = "SELECT count(*) FROM cms_workerbeat WHERE last_tick_at > now() - interval '5 seconds'"
        assert count(worker_postgres, ticked) == 1
    finally:
        worker.stop()
        sink.stop()
        receiver.stop()


def test_a_worker_killed_mid_send_repeats_at_most_the_message_in_flight(
    worker_postgres: PostgresServer, worker_env: dict[str, str]
) -> None:
    lease, queued = 20, 30
    sink = SmtpSink(delay=0.2)  # slow on purpose, so the kill lands in the middle of a send
    env = {**worker_env, "EMAIL_PORT": str(sink.port), "OUTBOX_LEASE_SECONDS": str(lease)}
    manage(env, "shell", "-c", QUEUE_MANY.format(count=queued))
    first = WorkerProcess(env)
    second = None
    try:
        wait_for(lambda: len(sink.messages) >= 5, 120, "the first five messages", first)
        first.kill()  # the fifth message is with the mail server, not yet recorded as sent
        killed_at = time.monotonic()
        first.stop()
        second = WorkerProcess(env)
        sent = "SELECT count(*) FROM cms_outboundemail WHERE topic = 'test.kill' AND status = 'sent'"
        try:
            wait_for(lambda: count(worker_postgres, sent) == queued, lease + 60, "sending every message", second)
        finally:  # the figure docs/deploy.md gives, whether or not the test passes
            late = [at - killed_at for at in sink.received_at if at > killed_at]
            print(f"\nafter the kill: {len(late)} sent, the last {max(late, default=0):.1f} s later", end="")
        received = [email.message_from_bytes(data) for data in sink.messages]
        subjects = Counter(message["Subject"] for message in received)
        repeated = [subject for subject, times in subjects.items() if times > 1]
        assert len(subjects) == queued and len(received) - queued <= 1 and len(repeated) <= 1, subjects
        for subject in repeated:  # one message twice, with one Message-ID, so a receiver can drop the copy
            assert len({m["Message-ID"] for m in received if m["Subject"] == subject}) == 1
        # Nothing but the message in flight waited for its lease: the others were sent while it ran.
        delays = [at - killed_at for message, at in zip(received, sink.received_at, strict=True)
                  if message["Subject"] not in repeated and at > killed_at]  # fmt: skip
        again = [at - killed_at for m, at in zip(received, sink.received_at, strict=True) if m["Subject"] in repeated]
        print(f"; of them {len(delays)} never sent before, the last {max(delays):.1f} s later; {repeated} repeated,",
              f"{max(again, default=0):.1f} s later (its lease: {lease} s)")  # fmt: skip
        assert max(delays) < lease
    finally:
        first.stop()
        if second is not None:
            second.stop()
        sink.stop()
