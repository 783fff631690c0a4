"""The monthly story: what a display shows at a given instant, and until when it holds.

The story of a month is the released story of that month (in the district's time zone); when the
month has none released yet, it is the most recently released story. The answer holds until the
next premiere or the month's end, whichever comes first (or the story's own expiry, if sooner).

Which stories stand is decided over narrow rows (ids, in the order of an index), and the stories themselves
are read afterwards in one query by id (`load_stories`): a display asks for the story of the month and the
next ones together, and reads all of them at once. What it shows holds from the instant it is decided for until
the pick's `valid_until`, so each worker decides it once for that stretch and content generation
(`display_story_ids`); every screen asking at its own "now" within the stretch gets the same ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, QuerySet, Value, When

from cms.dates import MonthlyPick, earliest, end_of_month, month_of
from cms.i18n import LocaleChoice, locale_choice
from cms.memo import remembered_from
from cms.visibility import public_pages
from stories.models import StoryPage, with_teaser


def public_stories(locales: LocaleChoice | None = None) -> QuerySet[StoryPage]:
    """Public stories, one version of each in the locale (English where a story has no translation)."""
    return (locales or locale_choice()).apply(public_pages(StoryPage.objects.all()))


def story_queryset(locales: LocaleChoice | None = None) -> QuerySet[StoryPage]:
    """`public_stories` with the rows their teaser shows joined (`with_teaser`)."""
    return with_teaser(public_stories(locales))


def load_stories(ids: Iterable[int | None]) -> dict[int, StoryPage]:
    """The stories with these ids, with their teaser's rows joined: one query however many."""
    wanted = sorted({pk for pk in ids if pk is not None})
    if not wanted:
        return {}
    # In no order: the caller orders them by its ids, and a page query's default order by tree path costs a sort.
    return {story.pk: story for story in with_teaser(StoryPage.objects.filter(pk__in=wanted)).order_by()}


def monthly_story_id(
    at: datetime.datetime, school: str | None = None, locales: LocaleChoice | None = None
) -> MonthlyPick[int]:
    """`monthly_story` with the story's id as its item, for a caller that reads it with other stories."""
    month = month_of(at)
    # The released story of the month (the school's own first, for a display at a school), newest premiere first;
    # else the most recently released one. Each query walks an index (month; premiere) rather than ranking every
    # released story.
    released = public_stories(locales).filter(premiere_at__lte=at).values_list("pk", "expire_at")
    school_first = [Case(When(school__slug=school, then=0), default=Value(1))] if school else []
    newest = ("-premiere_at", "-pk")
    found = released.filter(month=month).order_by(*school_first, *newest).first() or released.order_by(*newest).first()
    next_premiere = (
        public_pages(StoryPage.objects.filter(premiere_at__gt=at))
        .order_by("premiere_at")
        .values_list("premiere_at", flat=True)
        .first()
    )
    valid_until = earliest(next_premiere, end_of_month(at), found[1] if found else None)
    return MonthlyPick(item=found[0] if found else None, month=month, valid_until=valid_until)


def monthly_story(
    at: datetime.datetime, school: str | None = None, locales: LocaleChoice | None = None
) -> MonthlyPick[StoryPage]:
    pick = monthly_story_id(at, school, locales)
    return with_stories(pick, load_stories([pick.item]))


def with_stories(pick: MonthlyPick[int], stories: dict[int, StoryPage]) -> MonthlyPick[StoryPage]:
    """A pick made by id, with its story from `stories` (`load_stories`)."""
    story = stories.get(pick.item) if pick.item is not None else None
    return MonthlyPick(item=story, month=pick.month, valid_until=pick.valid_until)


def upcoming_story_ids(at: datetime.datetime, limit: int, locales: LocaleChoice | None = None) -> list[int]:
    """The ids of the stories coming at `at` (StoryPage.upcoming_q), soonest first; those without a date come last.

    The dated ones are read from the premiere index onwards from `at`, then, if they are fewer than `limit`, the
    undated ones: two short queries at most, where one with both as an OR made PostgreSQL walk every story's
    premiere.
    """
    upcoming = public_stories(locales)
    dated = list(
        upcoming.filter(premiere_at__gt=at).order_by("premiere_at", "month", "pk").values_list("pk", flat=True)[:limit]
    )
    if len(dated) == limit:
        return dated
    undated = upcoming.filter(StoryPage.upcoming_q(at), premiere_at__isnull=True).order_by("month", "pk")
    return dated + list(undated.values_list("pk", flat=True)[: limit - len(dated)])


def display_story_ids(
    at: datetime.datetime, school: str | None, limit: int, locales: LocaleChoice, generation: int | None
) -> tuple[MonthlyPick[int], tuple[int, ...]]:
    """The story of the month (`monthly_story_id`) and the `limit` next ones (`upcoming_story_ids`) at `at`.

    Nothing a display shows changes before the pick's `valid_until` (the next premiere in any locale, the month's
    end, the story's expiry) but by an edit, which starts a new generation: the decision is kept for that stretch.
    """

    def decide(instant: datetime.datetime) -> tuple[tuple[MonthlyPick[int], tuple[int, ...]], datetime.datetime]:
        pick = monthly_story_id(instant, school, locales)
        upcoming = tuple(upcoming_story_ids(instant, limit, locales)) if limit else ()
        return (pick, upcoming), pick.valid_until

    return remembered_from(("display-stories", school, limit, locales), at, decide, generation)


def upcoming_stories(at: datetime.datetime, limit: int, locales: LocaleChoice | None = None) -> list[StoryPage]:
    """The stories of `upcoming_story_ids`, read in one query."""
    ids = upcoming_story_ids(at, limit, locales)
    stories = load_stories(ids)
    return [stories[pk] for pk in ids if pk in stories]
