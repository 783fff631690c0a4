"""The `at` argument shared by time-dependent queries."""

from __future__ import annotations

import datetime

import graphene
from django.utils import timezone

from cms.months import district_zone

AT_ARGUMENT_HELP = (
    "The instant to answer for (default: now). Without a UTC offset it is read as the district's local time."
)


def at_argument() -> graphene.Argument:
    return graphene.Argument(graphene.DateTime, description=AT_ARGUMENT_HELP)


def resolve_at(at: datetime.datetime | None) -> datetime.datetime:
    if at is None:
        return timezone.now()
    return at if timezone.is_aware(at) else timezone.make_aware(at, district_zone())
