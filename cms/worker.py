"""The background worker's tick: send the email that is due, and apply scheduled go-lives and expiries.

Wagtail applies `go_live_at`/`expire_at` only when `publish_scheduled` runs, and no request does it: a
GET never writes. The worker (`manage.py run_worker --loop`, every 30 seconds by default) runs it, so a
page goes live at most one tick late. Answers stay honest meanwhile: the API hides an expired page
whether or not it has been unpublished yet, and no cached answer is kept past the next go-live or expiry
instant (cms.graphql.response_cache); publishing then drops every cached answer.
"""

from __future__ import annotations

import io

from django.core.management import call_command

from cms.outbox import send_outbox


def send_due_email() -> dict[str, int]:
    """Send every due message, batch after batch, until a batch sends nothing (the rest wait for retry)."""
    totals = {"sent": 0, "deferred": 0, "gave_up": 0}
    while batch := send_outbox():
        for key, count in batch.items():
            totals[key] += count
        if not batch["sent"]:
            break
    return totals


def publish_due_pages() -> None:
    call_command("publish_scheduled", stdout=io.StringIO())


def tick() -> dict[str, int]:
    """One round of the worker's duties; returns what became of the email."""
    email = send_due_email()
    publish_due_pages()
    return email
