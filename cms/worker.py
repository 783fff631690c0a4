"""The background worker's tick: send the email and webhooks that are due, apply scheduled go-lives and expiries,
and keep delta sync in step.

Wagtail applies `go_live_at`/`expire_at` only when `publish_scheduled` runs, and no request does it: a
GET never writes. The worker (`manage.py run_worker --loop`, every 30 seconds by default) runs it, so a
page goes live at most one tick late. Answers stay honest meanwhile: the API hides an expired page
whether or not it has been unpublished yet, and no cached answer is kept past the next go-live or expiry
instant (cms.graphql.response_cache); publishing then drops every cached answer.
"""

from __future__ import annotations

import io
import logging

from django.core.management import call_command
from wagtail import hooks

from cms.leases import until_idle
from cms.outbox import send_outbox
from cms.sync.journal import purge, sync_everything
from cms.webhooks.sending import send_due_webhooks
from cms.webhooks.signals import emit_timed_events, scheduled_changes

logger = logging.getLogger("cms.worker")


def send_due_email() -> dict[str, int]:
    """Send every due message, batch after batch, until a batch sends nothing (the rest wait for retry)."""
    return until_idle(send_outbox, ("sent", "deferred", "gave_up"), "sent")


def publish_due_pages() -> None:
    with scheduled_changes():  # webhook events say a schedule took effect
        call_command("publish_scheduled", stdout=io.StringIO())


def run_app_duties() -> None:
    """Each app's own periodic duty (a `worker_tick` hook, e.g. the display fleet's heartbeat flush). One that
    fails is logged and tried again next tick; it does not keep the others from running."""
    for duty in hooks.get_hooks("worker_tick"):
        try:
            duty()
        except Exception:
            logger.exception("Worker duty %s failed; it runs again next tick.", getattr(duty, "__qualname__", duty))


def tick() -> dict[str, int]:
    """One round of the worker's duties; returns what became of the email."""
    publish_due_pages()
    emit_timed_events()
    # Expiries and anything no signal saw reach delta sync; removals past the retention window are forgotten.
    sync_everything()
    purge()
    run_app_duties()
    # Last, so the deliveries and email the other duties queued go out in the same tick.
    send_due_webhooks()
    email = send_due_email()
    return email
