"""Root queries for stories that grapple does not generate."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.structures import QuerySetList
from grapple.utils import resolve_queryset
from wagtail.models import Page

from cms.visibility import public_pages
from stories.graphql_types import StoryStatus
from stories.models import StoryPage


def _story_type():
    return registry.pages[StoryPage]


class StoriesQuery:
    stories = QuerySetList(
        graphene.NonNull(_story_type),
        campaign=graphene.Argument(graphene.ID, description="Only stories of this campaign page."),
        status=graphene.Argument(StoryStatus, description="Only upcoming or only released stories."),
        school=graphene.Argument(graphene.String, description="Only stories of the school with this slug."),
        program=graphene.Argument(graphene.String, description="Only stories tagged with this program."),
        month=graphene.Argument(graphene.String, description="Only stories of this month, as 'YYYY-MM'."),
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
        **kwargs: Any,
    ):
        qs = public_pages(StoryPage.objects.all())
        if campaign is not None:
            parent = public_pages(Page.objects.filter(pk=campaign)).first()
            qs = qs.child_of(parent) if parent else qs.none()
        if status is not None:
            value = getattr(status, "value", status)
            released = StoryPage.released_q()
            qs = qs.filter(released) if value == StoryStatus.RELEASED.value else qs.exclude(released)
        if school:
            qs = qs.filter(school__slug=school)
        if program:
            qs = qs.filter(programs__name__iexact=program).distinct()
        if month:
            year, _, number = month.partition("-")
            if not (year.isdigit() and number.isdigit() and len(year) == 4 and 1 <= int(number) <= 12):
                raise GraphQLError(f"month must look like '2023-03'; got '{month}'.")
            qs = qs.filter(month__year=int(year), month__month=int(number))
        qs = qs.order_by("-month", "-premiere_at", "pk")
        return resolve_queryset(qs, info, **kwargs)
