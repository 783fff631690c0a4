"""Dates and instants as the district reckons them: in its own time zone (settings.TIME_ZONE), daylight
saving included. Months are kept as their first day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar, overload
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone

# Instants outside these years are typing mistakes, and some lie beyond what datetime and the database hold.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def district_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def today() -> datetime.date:
    """Today's date where the district is, whatever the server's clock zone."""
    return timezone.now().astimezone(district_zone()).date()


def local_datetime_text(instant: datetime.datetime) -> str:
    """A date and time as the reader's language writes them, in the district's time zone."""
    local = instant.astimezone(district_zone())
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {formats.date_format(local, 'T')}"


def read_instant(at: datetime.datetime | None) -> datetime.datetime:
    """The instant a question is asked for: now when none is given, a local time when it has no UTC offset.

    Raises ValueError for an instant outside FIRST_YEAR..LAST_YEAR.
    """
    if at is None:
        return timezone.now()
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise ValueError(f"`at` must fall between the years {FIRST_YEAR} and {LAST_YEAR}; got {at.isoformat()}.")
    return at if timezone.is_aware(at) else timezone.make_aware(at, district_zone())


def earliest(*instants: datetime.datetime | None) -> datetime.datetime:
    """The first of the given instants, ignoring the missing ones."""
    return min(instant for instant in instants if instant is not None)


def first_of_month(value: datetime.date | None) -> datetime.date | None:
    """Months are stored as their first day."""
    return value.replace(day=1) if value else None


@overload
def month_key(value: datetime.date) -> str: ...
@overload
def month_key(value: datetime.date | None) -> str | None: ...
def month_key(value: datetime.date | None) -> str | None:
    """'2023-03' for March 2023."""
    return value.strftime("%Y-%m") if value else None


def month_label(value: datetime.date | None) -> str | None:
    """'March 2023', in the active language ('marzo de 2023' in Spanish)."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if value else None


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


T = TypeVar("T")


@dataclass(frozen=True)
class MonthlyPick(Generic[T]):
    """What stands for a month at an instant (a story, an award recipient), and until when that holds."""

    item: T | None
    month: datetime.date
    valid_until: datetime.datetime

    @property
    def is_from_earlier_month(self) -> bool:
        # Asked of a pick of items (a story, a recipient), which all have a month; never of a pick of ids.
        return self.item is not None and getattr(self.item, "month", None) != self.month
