"""Content that changes by time alone, with no edit: a story premiering, an alert starting or ending.

Apps say what changed between two instants through the `timed_changes` hook; the worker asks every tick for
the time since it last asked, and tells webhooks and delta sync.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Model
from wagtail import hooks


@dataclass(frozen=True)
class TimedChange:
    """What happened (a webhook event type, e.g. 'story.premiered') and to which objects."""

    type: str
    objects: list[Model] = field(default_factory=list)
    at: datetime.datetime | None = None


def changes_between(since: datetime.datetime, until: datetime.datetime) -> list[TimedChange]:
    """Every app's changes by time in (since, until]."""
    found: list[TimedChange] = []
    for changes in hooks.get_hooks("timed_changes"):
        found += [change for change in changes(since, until) if change.objects]
    return found
