"""Calendar months as the district reckons them: in its own time zone, daylight saving included."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings


def district_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def month_of(at: datetime.datetime) -> datetime.date:
    """The first day of the month that `at` falls in, in the district's time zone."""
    local = at.astimezone(district_zone())
    return datetime.date(local.year, local.month, 1)


def month_start(month: datetime.date) -> datetime.datetime:
    """The instant a month begins: local midnight on its first day."""
    return datetime.datetime(month.year, month.month, 1, tzinfo=district_zone())


def next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def end_of_month(at: datetime.datetime) -> datetime.datetime:
    """The instant the month containing `at` ends (the next month's local midnight)."""
    return month_start(next_month(month_of(at)))


def earliest(*instants: datetime.datetime | None) -> datetime.datetime:
    """The first of the given instants, ignoring the missing ones."""
    return min(instant for instant in instants if instant is not None)


T = TypeVar("T")


@dataclass(frozen=True)
class MonthlyPick(Generic[T]):
    """What stands for a month at an instant (a story, an award recipient), and until when that holds."""

    item: T | None
    month: datetime.date
    valid_until: datetime.datetime

    @property
    def is_from_earlier_month(self) -> bool:
        return self.item is not None and self.item.month != self.month
