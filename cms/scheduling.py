"""Scheduled publishing and expiry, applied when content is asked for rather than by a timer alone.

Wagtail applies `go_live_at`/`expire_at` only when `publish_scheduled` runs. The API owns the time
rules, so before answering it applies whatever has fallen due: an expired page is never served
because a cron job happened to be late. A cron running `publish_scheduled` stays harmless.
"""

import io

from django.core.management import call_command


def apply_due_schedule() -> None:
    call_command("publish_scheduled", stdout=io.StringIO())
