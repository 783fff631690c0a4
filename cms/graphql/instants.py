"""What time-dependent queries share: the `at` argument and the month-pick fields."""

from __future__ import annotations

import datetime

import graphene

from cms.dates import MonthlyPick, month_key, read_instant
from cms.errors import user_error

AT_ARGUMENT_HELP = (
    "The instant to answer for (default: now). Without a UTC offset it is read as the district's local time."
)


def at_argument() -> graphene.Argument:
    return graphene.Argument(graphene.DateTime, description=AT_ARGUMENT_HELP)


def resolve_at(at: datetime.datetime | None) -> datetime.datetime:
    """The `at` argument as an instant (cms.dates.read_instant); an instant it refuses is the client's error."""
    try:
        return read_instant(at)
    except ValueError as error:
        raise user_error(str(error)) from error


class MonthlyPickFields(graphene.ObjectType):
    """Fields of an answer for a month at an instant; subclasses add the item itself."""

    month = graphene.String(required=True, description="The month asked about, as 'YYYY-MM'.")
    valid_until = graphene.DateTime(required=True, description="Ask again at this instant.")
    is_from_earlier_month = graphene.Boolean(
        required=True, description="True when the month has nothing yet and an earlier month's item stands in."
    )

    @staticmethod
    def resolve_month(pick: MonthlyPick, info: graphene.ResolveInfo) -> str:
        return month_key(pick.month)
