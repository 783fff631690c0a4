"""The day the demo's living campaign follows: today in the district, unless `seed_demo` was given another.

The 2022-23 pages are the district's own and stay as they were; beside them the seed builds a campaign for the
school year around this day (and the next one when the year is nearly over), with its months and premieres
placed around it. `seed_demo --today 2027-03-15` builds it for that day; `--no-current-year` leaves it out.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from contextvars import ContextVar

from cms.dates import today

# How far ahead the demo always has stories and a campaign: the school years of the day and of this many
# months later are both built.
MONTHS_AHEAD = 4

_day: ContextVar[datetime.date | None] = ContextVar("demo_day", default=None)
_enabled: ContextVar[bool] = ContextVar("demo_day_enabled", default=True)


@contextlib.contextmanager
def seeding_for(day: datetime.date | None, enabled: bool = True) -> Iterator[None]:
    """Within this block the seeds build the living campaign for `day` (today when None), or none at all."""
    day_token, enabled_token = _day.set(day), _enabled.set(enabled)
    try:
        yield
    finally:
        _day.reset(day_token)
        _enabled.reset(enabled_token)


def living_demo_day() -> datetime.date | None:
    """The day the living campaign is built for, or None when the seed was told to leave it out."""
    if not _enabled.get():
        return None
    return _day.get() or today()


def school_year_start(day: datetime.date) -> int:
    """The calendar year a school year starts in: a school year runs from August to July."""
    return day.year if day.month >= 8 else day.year - 1


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def living_school_years(day: datetime.date) -> list[int]:
    """The school years the demo needs on `day`: its own, and the next one once fewer than four months remain."""
    return sorted({school_year_start(day), school_year_start(add_months(day, MONTHS_AHEAD))})


def school_year_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"
