"""Proof of play: how often and how long each story, award or alert was on the district's screens.

Screens send running totals per district day; displays.heartbeats stores them in PlayTally. These queries
add them up per item (kind, item id and its label) and school over a date range, for the admin report and
its spreadsheet export.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum

from displays.models import PlayTally


def tallies(
    start: datetime.date | None = None, end: datetime.date | None = None, school_id: int | None = None
) -> QuerySet[PlayTally]:
    """The play totals between `start` and `end` (both days included), at one school when given."""
    found = PlayTally.objects.all()
    if start:
        found = found.filter(day__gte=start)
    if end:
        found = found.filter(day__lte=end)
    if school_id:
        found = found.filter(display__school_id=school_id)
    return found


def per_item_and_school(found: QuerySet[PlayTally]) -> QuerySet:
    """One row per (school, kind, item): shows, seconds, how many screens and days it was on; biggest first.
    The label is the item's latest-sorting name (labels rarely change; a rename shows its newer one)."""
    return (
        found.values("display__school__name", "kind", "item_id")
        .annotate(
            label=Max("item_label"),
            shows=Sum("shows"),
            seconds=Sum("seconds"),
            screens=Count("display", distinct=True),
            days=Count("day", distinct=True),
        )
        .order_by("display__school__name", "-shows", "kind", "item_id")
    )


def totals(found: QuerySet[PlayTally]) -> dict[str, Any]:
    """All shows and seconds in `found`, and on how many screens."""
    summed = found.aggregate(shows=Sum("shows"), seconds=Sum("seconds"), screens=Count("display", distinct=True))
    return {"shows": summed["shows"] or 0, "seconds": summed["seconds"] or 0, "screens": summed["screens"]}


def as_duration(seconds: int) -> str:
    """Seconds as staff read them: '2 h 05 min', '4 min 10 s'."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
