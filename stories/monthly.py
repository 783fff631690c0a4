"""The monthly story: what a display shows at a given instant, and until when it holds.

The story of a month is the released story of that month (in the district's time zone); when the
month has none released yet, it is the most recently released story. The answer holds until the
next premiere or the month's end, whichever comes first (or the story's own expiry, if sooner).
"""

from __future__ import annotations

import datetime

from django.db.models import F, Prefetch, QuerySet

from cms.i18n import LocaleChoice, locale_choice
from cms.months import MonthlyPick, earliest, end_of_month, month_of
from cms.visibility import public_pages
from stories.models import CaptionTrack, StoryPage


def story_queryset(locales: LocaleChoice | None = None) -> QuerySet[StoryPage]:
    """Public stories, one version of each in the locale (English where a story has no translation), with
    what their teaser needs loaded up front."""
    stories = (locales or locale_choice()).apply(public_pages(StoryPage.objects.all()))
    return stories.select_related("poster_image", "school", "video_file").prefetch_related(
        "poster_image__renditions",
        "program_items__tag",
        Prefetch("caption_tracks", queryset=CaptionTrack.objects.select_related("file")),
    )


def monthly_story(
    at: datetime.datetime, school: str | None = None, locales: LocaleChoice | None = None
) -> MonthlyPick[StoryPage]:
    month = month_of(at)
    released = story_queryset(locales).filter(premiere_at__lte=at).order_by("-premiere_at", "-pk")
    this_month = released.filter(month=month)
    # A display at a school shows that school's own story of the month first, else the district's.
    own = this_month.filter(school__slug=school).first() if school else None
    story = own or this_month.first() or released.first()
    next_premiere = (
        public_pages(StoryPage.objects.filter(premiere_at__gt=at))
        .order_by("premiere_at")
        .values_list("premiere_at", flat=True)
        .first()
    )
    valid_until = earliest(next_premiere, end_of_month(at), story.expire_at if story else None)
    return MonthlyPick(item=story, month=month, valid_until=valid_until)


def upcoming_stories(at: datetime.datetime, limit: int, locales: LocaleChoice | None = None) -> list[StoryPage]:
    """Stories still to premiere at `at`, soonest first; those without a date come last."""
    upcoming = story_queryset(locales).exclude(premiere_at__lte=at)
    return list(upcoming.order_by(F("premiere_at").asc(nulls_last=True), "month", "pk")[:limit])
