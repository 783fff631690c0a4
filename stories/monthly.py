"""The monthly story: what a display shows at a given instant, and until when it holds.

The story of a month is the released story of that month (in the district's time zone); when the
month has none released yet, it is the most recently released story. The answer holds until the
next premiere or the month's end, whichever comes first (or the story's own expiry, if sooner).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, F, QuerySet, Value, When

from cms.dates import MonthlyPick, earliest, end_of_month, month_of
from cms.i18n import LocaleChoice, locale_choice
from cms.visibility import public_pages
from stories.models import StoryPage, with_teaser


def story_queryset(locales: LocaleChoice | None = None, *, with_video: bool = True) -> QuerySet[StoryPage]:
    """Public stories, one version of each in the locale (English where a story has no translation), with
    what their teaser (and, unless they are all upcoming, their video) needs loaded up front."""
    return with_teaser((locales or locale_choice()).apply(public_pages(StoryPage.objects.all())), with_video=with_video)


def monthly_story(
    at: datetime.datetime, school: str | None = None, locales: LocaleChoice | None = None
) -> MonthlyPick[StoryPage]:
    month = month_of(at)
    # The released story of the month (the school's own first, for a display at a school), else the most
    # recently released one: one query, newest premiere first within each rank.
    rank = [When(month=month, school__slug=school, then=0)] if school else []
    rank.append(When(month=month, then=1))
    story = (
        story_queryset(locales)
        .filter(premiere_at__lte=at)
        .order_by(Case(*rank, default=Value(2)), "-premiere_at", "-pk")
        .first()
    )
    next_premiere = (
        public_pages(StoryPage.objects.filter(premiere_at__gt=at))
        .order_by("premiere_at")
        .values_list("premiere_at", flat=True)
        .first()
    )
    valid_until = earliest(next_premiere, end_of_month(at), story.expire_at if story else None)
    return MonthlyPick(item=story, month=month, valid_until=valid_until)


def upcoming_stories(at: datetime.datetime, limit: int, locales: LocaleChoice | None = None) -> list[StoryPage]:
    """Stories coming at `at` (StoryPage.upcoming_q), soonest first; those without a date come last."""
    upcoming = story_queryset(locales, with_video=False).filter(StoryPage.upcoming_q(at))
    return list(upcoming.order_by(F("premiere_at").asc(nulls_last=True), "month", "pk")[:limit])
