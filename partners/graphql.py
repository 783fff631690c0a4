"""Root queries for contact offices and award recipients: published snippets only."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.structures import QuerySetList
from grapple.utils import resolve_queryset

from cms.graphql.instants import MonthlyPickFields, at_argument, resolve_at
from cms.months import MonthlyPick
from cms.visibility import live_snippets
from partners.models import AwardRecipient, ContactOffice
from partners.monthly import award_of_the_month


def _office_type():
    return registry.snippets[ContactOffice]


def _recipient_type():
    return registry.snippets[AwardRecipient]


class PartnersQuery:
    contact_offices = graphene.List(
        graphene.NonNull(_office_type), required=True, description="Published contact offices, in their set order."
    )
    contact_office = graphene.Field(
        _office_type, slug=graphene.String(required=True), description="One published contact office."
    )
    award_recipients = QuerySetList(
        graphene.NonNull(_recipient_type),
        year=graphene.Argument(graphene.Int, description="Only recipients of this calendar year."),
        enable_search=True,
        required=True,
        description="Published Shining Star award recipients, newest month first.",
    )

    def resolve_contact_offices(self, info: GraphQLResolveInfo, **kwargs: Any):
        return live_snippets(ContactOffice.objects.all())

    def resolve_contact_office(self, info: GraphQLResolveInfo, slug: str, **kwargs: Any):
        return live_snippets(ContactOffice.objects.filter(slug=slug)).first()

    def resolve_award_recipients(self, info: GraphQLResolveInfo, year: int | None = None, **kwargs: Any):
        qs = live_snippets(AwardRecipient.objects.all()).order_by("-month")
        if year is not None:
            if not 1900 <= year <= 2100:
                raise GraphQLError(f"year must be a four-digit year; got {year}.")
            qs = qs.filter(month__year=year)
        return resolve_queryset(qs, info, **kwargs)


class AwardOfTheMonthResult(MonthlyPickFields):
    """The Shining Star recipient a display shows at an instant; valid until the month's end."""

    class Meta:
        name = "AwardOfTheMonth"

    recipient = graphene.Field(_recipient_type, description="Null only while no recipient is published.")

    @staticmethod
    def resolve_recipient(pick: MonthlyPick, info: GraphQLResolveInfo) -> AwardRecipient | None:
        return pick.item


class AwardOfTheMonthQuery:
    award_of_the_month = graphene.Field(
        graphene.NonNull(AwardOfTheMonthResult),
        at=at_argument(),
        description="The Shining Star recipient of the month at an instant, in the district's time zone.",
    )

    def resolve_award_of_the_month(self, info: GraphQLResolveInfo, at: Any = None) -> MonthlyPick:
        return award_of_the_month(resolve_at(at))
