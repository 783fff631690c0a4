"""What the two intake pages share: their form in the API, their office, and serving GET only."""

from __future__ import annotations

from typing import Any

import graphene
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext, ngettext
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

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["intake_strings"] = intake_strings(self.locale.language_code, len(self.field_specs()))
        return context


def intake_strings(language: str, field_count: int) -> dict[str, Any]:
    """The form script's own words, in the page's language. `fix[n]` asks to correct n fields, in the plural
    form the language uses for n (Russian and Ukrainian have three), for every n the form can have."""
    with translation.override(language):
        return {
            "choose": gettext("Choose…"),
            "fix": [
                ngettext(
                    "Please correct %(count)d field marked below.", "Please correct %(count)d fields marked below.", n
                )
                % {"count": n}
                for n in range(field_count + 1)
            ],
            "notSent": gettext("Your answers were not sent ({problem}). They are still here; please try again."),
            "serverRefused": gettext("The server could not take the form."),
            "notLoaded": gettext("The form could not be loaded. Please reload the page to try again."),
            "checking": gettext("Checking…"),
            "noSuchCode": gettext("No request has this status code. Check it against your confirmation email."),
            "reason": gettext("Reason: {reason}"),
            "notChecked": gettext("The status could not be checked just now. Please try again."),
        }
