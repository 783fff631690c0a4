"""Root queries for stories that grapple does not generate."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.structures import QuerySetList
from wagtail.models import Page

from cms.dates import MonthlyPick
from cms.errors import user_error
from cms.graphql.instants import MonthlyPickFields, at_argument, resolve_at
from cms.graphql.lists import public_list
from cms.graphql.locales import expect_locales, locale_argument
from cms.graphql.prefetch import prefetch_selected
from cms.i18n import relatives_in_any_locale
from cms.models import School
from cms.visibility import public_pages
from stories.graphql_types import StoryStatusType
from stories.models import StoryPage
from stories.monthly import monthly_story, story_queryset, upcoming_stories
from stories.release import StoryStatus

MAX_UPCOMING = 12


def _story_type():
    return registry.pages[StoryPage]


class StoriesQuery:
    stories = QuerySetList(
        graphene.NonNull(_story_type),
        campaign=graphene.Argument(graphene.ID, description="Only stories of this campaign page."),
        status=graphene.Argument(StoryStatusType, description="Only upcoming or only released stories."),
        school=graphene.Argument(graphene.String, description="Only stories of the school with this slug."),
        program=graphene.Argument(graphene.String, description="Only stories tagged with this program."),
        month=graphene.Argument(graphene.String, description="Only stories of this month, as 'YYYY-MM'."),
        locale=locale_argument(),
        enable_search=True,
        required=True,
        description="Published stories across campaigns, newest month first.",
    )

    def resolve_stories(
        self,
        info: GraphQLResolveInfo,
        campaign: str | None = None,
        status: Any = None,
        school: str | None = None,
        program: str | None = None,
        month: str | None = None,
        locale: str | None = None,
        **kwargs: Any,
    ):
        locales = info.context.locale_choice(info)
        qs = story_queryset(locales)
        if campaign is not None:
            parent = public_pages(Page.objects.filter(pk=campaign)).first()
            qs = qs.filter(pk__in=relatives_in_any_locale(parent, "children")) if parent else qs.none()
        if status is not None:
            value = getattr(status, "value", status)
            released = StoryPage.released_q()
            qs = qs.filter(released) if value == StoryStatus.RELEASED.value else qs.exclude(released)
        if school:
            qs = qs.filter(school__slug=school)
        if program:
            # A subquery rather than a join: one program matching twice would repeat the story, and `distinct()`
            # cannot be paged by its ids (`cms.graphql.lists.page_of`).
            qs = qs.filter(pk__in=StoryPage.objects.filter(programs__name__iexact=program).values("pk"))
        if month:
            year, _, number = month.partition("-")
            if not (year.isdigit() and number.isdigit() and len(year) == 4 and 1 <= int(number) <= 12):
                raise user_error(f"month must look like '2023-03'; got '{month}'.")
            qs = qs.filter(month__year=int(year), month__month=int(number))
        qs = qs.order_by("-month", "-premiere_at", "pk")
        decided_by = ("stories", locales, campaign, getattr(status, "value", status), school, program, month)
        return public_list(qs, info, order_key=decided_by, **kwargs)


class MonthlyStoryResult(MonthlyPickFields):
    """The story a display shows at an instant; valid until the next premiere or the month's end."""

    class Meta:
        name = "MonthlyStory"

    story = graphene.Field(_story_type, description="Null only while no story has premiered at all.")

    @staticmethod
    def resolve_story(pick: MonthlyPick, info: GraphQLResolveInfo) -> StoryPage | None:
        return pick.item


def school_slug_argument() -> graphene.Argument:
    return graphene.Argument(graphene.String, description="A school's slug: its own story of the month comes first.")


def checked_school(slug: str | None) -> School | None:
    if not slug:
        return None
    school = School.objects.filter(slug=slug).first()
    if school is None:
        raise user_error(f"No school has the slug '{slug}'.")
    return school


class MonthlyStoryQuery:
    monthly_story = graphene.Field(
        graphene.NonNull(MonthlyStoryResult),
        at=at_argument(),
        school=school_slug_argument(),
        locale=locale_argument(),
        description="The story of the month at an instant, in the district's time zone.",
    )
    upcoming_stories = graphene.List(
        graphene.NonNull(_story_type),
        at=at_argument(),
        limit=graphene.Int(default_value=3, description=f"At most {MAX_UPCOMING}."),
        locale=locale_argument(),
        required=True,
        description="Stories coming at an instant, soonest first (teasers: no body or video); one with no premiere "
        "date drops out when its month ends.",
    )

    def resolve_monthly_story(
        self, info: GraphQLResolveInfo, at: Any = None, school: str | None = None, locale: str | None = None
    ) -> MonthlyPick:
        locales = info.context.locale_choice(info)
        checked_school(school)
        return monthly_story(resolve_at(at), school, locales)

    def resolve_upcoming_stories(
        self, info: GraphQLResolveInfo, at: Any = None, limit: int | None = 3, locale: str | None = None
    ) -> list:
        locales = info.context.locale_choice(info)
        limit = 3 if limit is None else limit
        if not 1 <= limit <= MAX_UPCOMING:
            raise user_error(f"limit must be between 1 and {MAX_UPCOMING}; got {limit}.")
        return expect_locales(info, prefetch_selected(upcoming_stories(resolve_at(at), limit, locales), info))
