"""Root queries for contact offices and award recipients (published snippets only), and the award of the
month; the intake forms' queries and mutations are in `partners.intake.graphql`."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.structures import QuerySetList

from cms.dates import MonthlyPick
from cms.errors import user_error
from cms.graphql.instants import MonthlyPickFields, at_argument, resolve_at
from cms.graphql.lists import public_list
from cms.graphql.locales import expect_locales, locale_argument
from cms.visibility import live_snippets
from partners.models import AwardRecipient, ContactOffice
from partners.models.awards import public_recipients
from partners.monthly import award_of_the_month


def _office_type():
    return registry.snippets[ContactOffice]


def _recipient_type():
    return registry.snippets[AwardRecipient]


class PartnersQuery:
    contact_offices = graphene.List(
        graphene.NonNull(_office_type),
        locale=locale_argument(),
        required=True,
        description="Published contact offices, in their set order.",
    )
    contact_office = graphene.Field(
        _office_type,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        description="One published contact office.",
    )
    award_recipients = QuerySetList(
        graphene.NonNull(_recipient_type),
        year=graphene.Argument(graphene.Int, description="Only recipients of this calendar year."),
        locale=locale_argument(),
        enable_search=True,
        required=True,
        description="Published Shining Star award recipients, newest month first.",
    )

    def resolve_contact_offices(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any):
        locales = info.context.locale_choice(info)
        return expect_locales(info, list(locales.apply(live_snippets(ContactOffice.objects.all()))))

    def resolve_contact_office(self, info: GraphQLResolveInfo, slug: str, locale: str | None = None, **kwargs: Any):
        locales = info.context.locale_choice(info)
        return locales.apply(live_snippets(ContactOffice.objects.filter(slug=slug))).first()

    def resolve_award_recipients(
        self, info: GraphQLResolveInfo, year: int | None = None, locale: str | None = None, **kwargs: Any
    ):
        qs = public_recipients(info.context.locale_choice(info))
        if year is not None:
            if not 1900 <= year <= 2100:
                raise user_error(f"year must be a four-digit year; got {year}.")
            qs = qs.filter(month__year=year)
        return public_list(qs, info, **kwargs)


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
        locale=locale_argument(),
        description="The Shining Star recipient of the month at an instant, in the district's time zone.",
    )

    def resolve_award_of_the_month(
        self, info: GraphQLResolveInfo, at: Any = None, locale: str | None = None
    ) -> MonthlyPick:
        locales = info.context.locale_choice(info)
        return award_of_the_month(resolve_at(at), locales, info.context.generation)
