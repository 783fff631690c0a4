"""Scheduled publishing and expiry, applied when content is asked for rather than by a timer alone.

Wagtail applies `go_live_at`/`expire_at` only when `publish_scheduled` runs. The API owns the time
rules, so before answering it applies whatever has fallen due: an expired page is never served
because a cron job happened to be late. A cron running `publish_scheduled` stays harmless.

The sweep runs only once the next scheduled instant has come (remembered per content generation, so
any edit, a new schedule included, makes it look again), and at least every RECHECK.
"""

import datetime
import io

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

RECHECK = datetime.timedelta(minutes=10)


def apply_due_schedule() -> None:
    from cms.graphql.response_cache import generation, page_schedule_boundaries

    now = timezone.now()
    key = f"schedule:next-due:{generation()}"
    next_due = cache.get(key)
    if next_due is not None and now < next_due:
        return
    call_command("publish_scheduled", stdout=io.StringIO())
    # Publishing bumps the generation: remember the next instant under the current one.
    next_due = min([now + RECHECK, *page_schedule_boundaries(now)])
    cache.set(f"schedule:next-due:{generation()}", next_due, timeout=int(RECHECK.total_seconds()) + 60)
