"""The project's GraphQL endpoint: GraphiQL's page for a browser, the request pipeline for everything else."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from graphene_django_graphiql_static.views import GraphiQLOfflineView
from grapple.schema import schema

from cms.graphql import pipeline


class CMSGraphQLView(GraphiQLOfflineView):
    """Serves GraphiQL's page from local assets; every GraphQL request is answered by `pipeline.answer`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("schema", schema)
        kwargs.setdefault("graphiql", settings.GRAPHIQL_ENABLED)
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        html_asked = bool(self.graphiql) and "text/html" in request.headers.get("Accept", "")
        if html_asked and request.method == "GET" and self.can_display_graphiql(request, {}):
            page = super().dispatch(request, *args, **kwargs)
            page["X-Request-ID"] = pipeline.request_id_of(request)
            return page
        return pipeline.answer(request, html_asked=html_asked)

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # GraphiQL's page is served to a GET, which has no body whatever Content-Type it carries.
        return {}


graphql_view = csrf_exempt(CMSGraphQLView.as_view())
