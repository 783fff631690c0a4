"""The project's GraphQL endpoint: grapple's schema behind limits the project controls."""

from __future__ import annotations

import contextvars
import logging
import uuid
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphene.validation import depth_limit_validator
from graphene_django_graphiql_static.views import GraphiQLOfflineView
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.schema import schema

from cms.graphql.limits import OneMutationFieldRule, is_mutation_body
from cms.scheduling import apply_due_schedule

logger = logging.getLogger("cms.graphql")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("graphql_request_id", default="-")


def graphql_error_response(message: str, status: int, code: str) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status=status)


class OrderAllowListMiddleware:
    """Only plain, allow-listed model fields may reach `order_by` through an `order` argument."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        order = args.get("order")
        if order is not None:
            allowed = settings.GRAPHQL_ORDER_FIELDS
            for part in (p.strip() for p in str(order).split(",")):
                if part.lstrip("-") not in allowed:
                    raise GraphQLError(
                        f"Cannot order by '{part}'. `order` accepts a comma-separated list of "
                        f"{', '.join(sorted(allowed))}, each optionally prefixed with '-'."
                    )
        return next_(root, info, **args)


class CMSGraphQLView(GraphiQLOfflineView):
    """GET and JSON POST only, bounded body and depth, masked internal errors, a request id."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("schema", schema)
        kwargs.setdefault("graphiql", settings.GRAPHIQL_ENABLED)
        kwargs.setdefault("middleware", [OrderAllowListMiddleware()])
        kwargs.setdefault(
            "validation_rules", (depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH), OneMutationFieldRule)
        )
        kwargs.setdefault("batch", False)
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self._checked_dispatch(request, *args, **kwargs)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response

    def _checked_dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "POST"):
            response = graphql_error_response(
                "GraphQL is served by GET (queries) and POST with a JSON body.", 405, "METHOD_NOT_ALLOWED"
            )
            response["Allow"] = "GET, POST"
            return response
        if request.method == "POST":
            if request.content_type != "application/json":
                return graphql_error_response(
                    f"POST bodies must be 'application/json'; got '{request.content_type or 'none'}'.",
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                )
            refused = self._refuse_large_body(request)
            if refused is not None:
                return refused
        apply_due_schedule()
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _refuse_large_body(request: HttpRequest) -> HttpResponse | None:
        limit = settings.GRAPHQL_MAX_BODY_BYTES
        mutation_limit = max(settings.GRAPHQL_MAX_MUTATION_BODY_BYTES, limit)
        declared = request.META.get("CONTENT_LENGTH") or "0"
        too_large = graphql_error_response(
            f"Request body is larger than the limit of {limit} bytes ({mutation_limit} bytes for a mutation).",
            413,
            "BODY_TOO_LARGE",
        )
        if declared.isdigit() and int(declared) > mutation_limit:
            return too_large
        try:
            size = len(request.body)
        except RequestDataTooBig:
            return too_large
        if size > mutation_limit or (size > limit and not is_mutation_body(request.body)):
            return too_large
        return None

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: dict[str, Any]) -> tuple:
        # graphene-django lets URL parameters override a POST body. GraphiQL posts to its own URL,
        # so a shared "?query=..." link would replace every request it sends, introspection included.
        if request.method == "POST":
            request = SimpleNamespace(GET={})
        return GraphiQLOfflineView.get_graphql_params(request, data)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        formatted = GraphiQLOfflineView.format_error(error)
        original = getattr(error, "original_error", None)
        if original is not None and not isinstance(original, GraphQLError):
            request_id = _request_id.get()
            logger.error("GraphQL resolver failed (request %s)", request_id, exc_info=original)
            path = ".".join(str(p) for p in formatted.get("path") or [])
            formatted["message"] = f"Internal error while resolving '{path}'. Request id: {request_id}."
            formatted["extensions"] = {"code": "INTERNAL_ERROR", "requestId": request_id}
        return formatted


graphql_view = csrf_exempt(CMSGraphQLView.as_view())
