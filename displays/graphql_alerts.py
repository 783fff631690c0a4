"""The `alerts` query: emergency alerts in force now for the district or one school, in one language
(English standing in). Screens' own alerts are never public, so they are never listed here."""

from __future__ import annotations

import graphene
from graphql import GraphQLResolveInfo
from grapple.registry import registry

from cms.graphql.locales import locale_argument
from cms.models import School
from displays.alerts import Entry, alerts_for, words
from displays.models.alerts import Scope, Severity
from stories.graphql import checked_school

AlertSeverity = graphene.Enum(
    "AlertSeverity",
    [(value.upper(), value) for value in Severity.values],
    description="How grave an alert is: EXTREME is danger to life, INFO an all clear or a notice.",
)
AlertScope = graphene.Enum(
    "AlertScope",
    [(value.upper(), value) for value in Scope.values],
    description="Who an alert is for: the whole district, chosen schools, or chosen screens.",
)


class Alert(graphene.ObjectType):
    """An emergency alert in one language."""

    id = graphene.ID(required=True)
    severity = graphene.Field(graphene.NonNull(AlertSeverity))
    title = graphene.String(required=True)
    message = graphene.String(required=True)
    locale = graphene.String(required=True, description="The language of title and message.")
    is_fallback = graphene.Boolean(required=True, description="True when English stands in for the asked language.")
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime()
    scope = graphene.Field(graphene.NonNull(AlertScope))
    schools = graphene.List(graphene.NonNull(lambda: registry.snippets[School]), required=True)


def _alert(alert: Entry, language: str) -> Alert:
    chosen = words(alert, language)
    return Alert(
        id=alert.id,
        severity=alert.severity,
        title=chosen.title,
        message=chosen.message,
        locale=chosen.language,
        is_fallback=chosen.is_fallback,
        starts_at=alert.starts_at,
        ends_at=alert.ends_at,
        scope=alert.scope,
        schools=list(School.objects.filter(slug__in=alert.schools).order_by("name")) if alert.schools else [],
    )


class AlertsQuery:
    alerts = graphene.List(
        graphene.NonNull(Alert),
        required=True,
        school=graphene.String(description="A school's slug: its own alerts are listed with the district's."),
        locale=locale_argument(),
        description="Emergency alerts in force now: district-wide, plus the school's when a school is given.",
    )

    def resolve_alerts(
        self, info: GraphQLResolveInfo, school: str | None = None, locale: str | None = None
    ) -> list[Alert]:
        found_school = checked_school(school)
        found, _ = alerts_for(school=found_school.slug if found_school else None)
        language = info.context.language_of(info)
        return [_alert(alert, language) for alert in found]
