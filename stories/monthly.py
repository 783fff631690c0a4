"""The monthly story: what a display shows at a given instant, and until when it holds.

The story of a month is the released story of that month (in the district's time zone); when the
month has none released yet, it is the most recently released story. The answer holds until the
next premiere or the month's end, whichever comes first (or the story's own expiry, if sooner).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, QuerySet, Value, When

from cms.dates import MonthlyPick, earliest, end_of_month, month_of
from cms.i18n import LocaleChoice, locale_choice
from cms.visibility import public_pages
from stories.models import StoryPage, with_teaser


def story_queryset(locales: LocaleChoice | None = None, *, with_video: bool = True) -> QuerySet[StoryPage]:
    """Public stories, one version of each in the locale (English where a story has no translation), with the
    rows their teaser (and, unless they are all upcoming, their video) shows joined."""
    return with_teaser((locales or locale_choice()).apply(public_pages(StoryPage.objects.all())), with_video=with_video)


def monthly_story(
    at: datetime.datetime, school: str | None = None, locales: LocaleChoice | None = None
) -> MonthlyPick[StoryPage]:
    month = month_of(at)
    # The released story of the month (the school's own first, for a display at a school), newest premiere first;
    # else the most recently released one. Each query walks an index (month; premiere) rather than ranking every
    # released story.
    released = story_queryset(locales).filter(premiere_at__lte=at)
    school_first = [Case(When(school__slug=school, then=0), default=Value(1))] if school else []
    newest = ("-premiere_at", "-pk")
    story = released.filter(month=month).order_by(*school_first, *newest).first() or released.order_by(*newest).first()
    next_premiere = (
        public_pages(StoryPage.objects.filter(premiere_at__gt=at))
        .order_by("premiere_at")
        .values_list("premiere_at", flat=True)
        .first()
    )
    valid_until = earliest(next_premiere, end_of_month(at), story.expire_at if story else None)
    return MonthlyPick(item=story, month=month, valid_until=valid_until)


def upcoming_stories(at: datetime.datetime, limit: int, locales: LocaleChoice | None = None) -> list[StoryPage]:
    """Stories coming at `at` (StoryPage.upcoming_q), soonest first; those without a date come last.

    The dated ones are read from the premiere index onwards from `at`, then, if they are fewer than `limit`, the
    undated ones: two short queries at most, where one with both as an OR made PostgreSQL walk every story's
    premiere.
    """
    upcoming = story_queryset(locales, with_video=False)
    dated = list(upcoming.filter(premiere_at__gt=at).order_by("premiere_at", "month", "pk")[:limit])
    if len(dated) == limit:
        return dated
    undated = upcoming.filter(StoryPage.upcoming_q(at), premiere_at__isnull=True).order_by("month", "pk")
    return dated + list(undated[: limit - len(dated)])
