"""What the two intake pages share: their form in the API, their office, and serving GET only."""

from __future__ import annotations

from typing import Any

import graphene
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLField, GraphQLRichText, GraphQLSnippet, GraphQLString

from partners.graphql_types import FormField
from partners.models.offices import ContactOffice, localized_office, public_office


def intake_graphql_fields(how_to_submit: str) -> list:
    return [
        GraphQLRichText("intro"),
        GraphQLField(
            "form_fields",
            graphene.List(graphene.NonNull(FormField)),
            source="field_specs",
            required=True,
            description=f"The fields to render, in order; {how_to_submit}.",
        ),
        GraphQLString("submit_label", required=True),
        GraphQLRichText("thank_you_text", required=True),
        GraphQLSnippet("office", "partners.ContactOffice", source="graphql_office"),
    ]


class IntakePageMixin:
    """An intake page renders its form for browsers; submissions come as JSON over GraphQL only."""

    @property
    def public_office(self) -> ContactOffice | None:
        return public_office(self.office)

    def graphql_office(self, info: GraphQLResolveInfo, **kwargs: Any) -> ContactOffice | None:
        return localized_office(info, self.office, self)

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # A cross-site HTML form post is never accepted (Wagtail's form pages would take one).
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return TemplateResponse(request, self.get_template(request), self.get_context(request))
