"""The project's GraphQL endpoint: grapple's schema behind limits the project controls."""

from __future__ import annotations

import contextvars
import hashlib
import logging
import re
import time
import uuid
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldError, RequestDataTooBig
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotModified,
    JsonResponse,
)
from django.views.decorators.csrf import csrf_exempt
from graphene.validation import depth_limit_validator
from graphene_django.views import HttpError
from graphene_django_graphiql_static.views import GraphiQLOfflineView
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLID,
    GraphQLResolveInfo,
    OperationType,
    execute,
    get_nullable_type,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from grapple.schema import schema

from cms import i18n
from cms.graphql import response_cache
from cms.graphql.context import GraphQLContext, build_context
from cms.graphql.limits import AliasLimitRule, CostLimitRule, OneMutationFieldRule, is_mutation_body
from cms.graphql.locales import LocaleMiddleware, split_id
from cms.graphql.persisted import resolve_persisted_query
from cms.preview import PREVIEW_ATTR, is_preview
from cms.scheduling import apply_due_schedule

logger = logging.getLogger("cms.graphql")

DOCUMENT_CACHE_SIZE = 256
SITE = re.compile(r"^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$")
MAX_VALIDATION_ERRORS = 20
# What graphql-core says when a resolver's answer does not fit the schema (a value its scalar cannot write, a
# null on a non-null field, an object of no type the union or interface offers): the server's fault, never the
# client's, though it comes as a GraphQLError on a path like a resolver's refusal in words.
SERVER_COMPLETION_ERROR = re.compile(
    r"cannot represent (non-\w+ )?value|^Cannot return null for non-nullable field|^Abstract type .* must resolve"
    r"|^Expected Iterable, but did not find one|is not a possible type for|^Expected value of type '.*' but got",
)

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("graphql_request_id", default="-")

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
MEDIA_TYPES = (GRAPHQL_RESPONSE, JSON)


def negotiate_media_type(accept: str) -> str | None:
    """The answer's media type for an Accept header (GraphQL over HTTP); None when neither can be served.

    No Accept, `*/*` or `application/*` keep the long-standing application/json; on equal quality the
    spec's own type wins, as clients that list it first or alone ask for its status codes.
    """
    if not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in MEDIA_TYPES:
            candidate = (quality, 1 if media == GRAPHQL_RESPONSE else 0, media)
        elif media in ("*/*", "application/*"):
            candidate = (quality, -1, JSON)
        else:
            continue
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


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
            try:
                return next_(root, info, **args)
            except FieldError:
                # An allowed name that this list's items do not have (sites have no `created_at`).
                raise GraphQLError(f"`{info.field_name}` cannot be ordered by '{order}'.") from None
        return next_(root, info, **args)


def _limits() -> tuple:
    return (
        settings.GRAPHQL_MAX_DEPTH,
        settings.GRAPHQL_MAX_TOKENS,
        settings.GRAPHQL_MAX_ALIASES,
        settings.GRAPHQL_MAX_COST,
        settings.GRAPHQL_LIST_COST_SIZE,
        settings.GRAPHQL_INTROSPECTION,
    )


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def checked_document(query: str, limits: tuple) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """A query parsed and validated once (the spec's rules and the project's limits), then reused.

    `limits` is part of the key so a changed limit never serves a verdict reached under the old one.
    """
    max_depth, max_tokens, *_, introspection = limits
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        return None, (error,)
    rules = [
        *specified_rules,
        depth_limit_validator(max_depth=max_depth),
        AliasLimitRule,
        CostLimitRule,
        OneMutationFieldRule,
    ]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return document, tuple(validate(schema.graphql_schema, document, rules, max_errors=MAX_VALIDATION_ERRORS))


class ArgumentShapeMiddleware:
    """Arguments grapple passes straight to the database must look right, or the client is told in words.

    Every `ID` argument names a row: a whole number, or, as a fallback's `id` reads, a whole number
    qualified with the locale it was served in ('12:es'), which means that row in that locale where the field
    takes a `locale`. A `site` is a host name with an optional numeric port. grapple let "abc" or "host:x"
    through to a query filter, where they raised internal errors.
    """

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        if args:
            field = info.parent_type.fields.get(info.field_name)
            for name, value in list(args.items()):
                argument = field.args.get(name) if field is not None else None
                if argument is None or value is None:
                    continue
                if get_nullable_type(argument.type) is GraphQLID:
                    args[name], locale = self._row_id(name, str(value), field.args, args.get("locale"))
                    if locale is not None:
                        args["locale"] = locale
                if name == "site" and not SITE.match(str(value)):
                    raise GraphQLError(f"`site` must be a host name, optionally with ':port'; got '{value}'.")
        return next_(root, info, **args)

    @staticmethod
    def _row_id(name: str, value: str, arguments: dict, asked: str | None) -> tuple[str, str | None]:
        """The database id an `ID` argument names, and the locale its suffix asks for, if any."""
        parts = split_id(value)
        if parts is None:
            qualified = (
                ", or one with the locale a fallback was served in, as in '12:es'" if "locale" in arguments else ""
            )
            raise GraphQLError(
                f"`{name}` must be a whole number (a database id){qualified}; got '{value[:60]}'.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        pk, locale = parts
        if locale is None:
            return pk, None
        if "locale" not in arguments:
            raise GraphQLError(
                f'`{name}: "{value}"` names an item in a language, but this field answers in the language of the '
                f"item above it; use '{pk}'.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        if asked is not None and i18n.supported_language(asked) != i18n.supported_language(locale):
            raise GraphQLError(
                f"`{name}: \"{value}\"` names the item in '{locale}', but `locale` asks for '{asked}'; "
                f"leave out one of them, or use '{pk}' with `locale: \"{asked}\"`.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        return pk, asked or locale


class UnsearchableListMiddleware:
    """grapple offers `searchQuery` on every list, but sites and collections are not in the search index."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        if not args.get("search_query"):
            return next_(root, info, **args)
        try:
            return next_(root, info, **args)
        except TypeError as error:
            if "not searchable" not in str(error):
                raise
            raise GraphQLError(f"`searchQuery` is not available on `{info.field_name}`.") from None


class CMSGraphQLView(GraphiQLOfflineView):
    """GET and JSON POST only, bounded body, validated queries cached, limits, masked errors, a request id."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("schema", schema)
        kwargs.setdefault("graphiql", settings.GRAPHIQL_ENABLED)
        middleware = [OrderAllowListMiddleware(), ArgumentShapeMiddleware(), UnsearchableListMiddleware()]
        kwargs.setdefault("middleware", [LocaleMiddleware(), *middleware])
        kwargs.setdefault("batch", False)
        super().__init__(**kwargs)

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: dict[str, Any],
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        try:
            query = resolve_persisted_query(request, data, query)
        except GraphQLError as error:
            return ExecutionResult(data=None, errors=[error])
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        document, errors = checked_document(query, _limits())
        if document is None:
            return ExecutionResult(data=None, errors=list(errors))
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
                )
            )
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        context = self.get_context(request)
        try:
            return execute(
                self.schema.graphql_schema,
                document,
                root_value=self.get_root_value(request),
                context_value=context,
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        except Exception as error:
            return ExecutionResult(errors=[error])
        finally:
            if is_preview(context):
                setattr(request, PREVIEW_ATTR, True)

    def get_context(self, request: HttpRequest) -> GraphQLContext:
        return build_context(request)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = _request_id.set(request_id)
        wants_html = self._may_show_graphiql(request)
        media_type = JSON if wants_html else negotiate_media_type(request.headers.get("Accept", ""))
        request.graphql_media_type = media_type or JSON
        try:
            if media_type is None:
                response = graphql_error_response(
                    f"GraphQL answers are served as '{GRAPHQL_RESPONSE}' or '{JSON}'; "
                    f"the Accept header allows neither: '{request.headers['Accept'][:200]}'.",
                    406,
                    "NOT_ACCEPTABLE",
                )
                response["X-Request-ID"] = request_id
                response["Vary"] = "Accept, Origin"
                return response
            # A repeated public GET is answered from one cache round trip, before any parsing.
            fast_key, generation, hit = response_cache.fast_lookup(request, wants_html, media_type)
            if hit is not None:
                body, until, etag = hit
                request.graphql_cache_seconds = int(until - time.time())
                response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
                response["X-Request-ID"] = request_id
                return self._caching_headers(request, response, etag)
            response = self._checked_dispatch(request, *args, **kwargs)
        finally:
            _request_id.reset(token)
        if media_type == GRAPHQL_RESPONSE and response.get("Content-Type", "").split(";")[0] == JSON:
            response["Content-Type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        response["X-Request-ID"] = request_id
        response = self._caching_headers(request, response)
        if fast_key and response.status_code == 200 and getattr(request, "graphql_cache_seconds", 0) > 0:
            response_cache.fast_store(fast_key, generation, response, request.graphql_cache_seconds)
        return response

    def _may_show_graphiql(self, request: HttpRequest) -> bool:
        return bool(self.graphiql) and "text/html" in request.headers.get("Accept", "")

    @staticmethod
    def _caching_headers(request: HttpRequest, response: HttpResponse, etag: str | None = None) -> HttpResponse:
        """ETag and 304 for every JSON answer; shared caches may keep public answers until they change."""
        if response.status_code != 200 or response.get("Content-Type", "").split(";")[0] not in MEDIA_TYPES:
            return response
        if is_preview(request):
            # A draft must not be kept by any cache, nor matched by an ETag once the draft changes.
            response["Cache-Control"] = "private, no-store"
            response["Vary"] = "Accept, Origin"
            return response
        seconds = getattr(request, "graphql_cache_seconds", None)
        if seconds:
            stale = settings.GRAPHQL_CACHE_STALE_SECONDS
            response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}, stale-while-revalidate={stale}"
        else:
            response["Cache-Control"] = "private, no-store" if request.method == "POST" else "no-cache"
        # The media type is part of the tag: the same body as another type is another representation.
        media_type = response["Content-Type"].split(";")[0].encode()
        etag = etag or f'"{hashlib.sha256(media_type + b" " + response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        response["Vary"] = "Accept, Origin"
        if request.method == "GET" and etag in (p.strip() for p in request.headers.get("If-None-Match", "").split(",")):
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Vary", "X-Request-ID"):
                not_modified[header] = response[header]
            return not_modified
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
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # A GET has no body whatever Content-Type a client sends with it (Apollo sends application/json).
        if request.method == "GET":
            return {}
        return super().parse_body(request)

    def get_response(self, request: HttpRequest, data: dict[str, Any], show_graphiql: bool = False) -> tuple:
        cacheable = None if show_graphiql else self._cacheable_query(request, data)
        if cacheable is not None:
            # Stored with the instant it stops being true, so a hit needs no other cache lookup.
            hit = cache.get(response_cache.response_key(request, *cacheable))
            seconds = int(hit[1] - time.time()) if hit is not None else 0
            if seconds > 0:
                request.graphql_cache_seconds = seconds
                return hit[0], 200
        # A cached answer never outlives the next scheduled go-live or expiry, so only a miss needs the sweep.
        apply_due_schedule()
        result, status = super().get_response(request, data, show_graphiql)
        if is_preview(request):
            # A draft shown through a token (even one passed in a variable of a persisted query) is never kept.
            cacheable = None
        if cacheable is not None and status == 200 and result and '"errors"' not in result:
            seconds = response_cache.seconds_to_keep()
            if seconds > 0:
                # Keyed after the sweep: if it published, this answer belongs to the new generation.
                key = response_cache.response_key(request, *cacheable)
                cache.set(key, (result, time.time() + seconds), timeout=seconds)
            request.graphql_cache_seconds = seconds
        return result, status

    def _cacheable_query(self, request: HttpRequest, data: dict[str, Any]) -> tuple | None:
        """(query, variables, operation name) of a public query whose answer may be cached; else None."""
        try:
            query, variables, operation_name, _ = self.get_graphql_params(request, data)
            query = resolve_persisted_query(request, data, query)
        except Exception:
            return None
        if not query or not response_cache.may_cache(request, query):
            return None
        document, errors = checked_document(query, _limits())
        operation = get_operation_ast(document, operation_name) if document is not None and not errors else None
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        return query, variables, operation_name

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
        if isinstance(error, HttpError):
            code = {405: "METHOD_NOT_ALLOWED"}.get(error.response.status_code, "BAD_REQUEST")
            formatted.setdefault("extensions", {})["code"] = code
            return formatted
        original = getattr(error, "original_error", None)
        server_fault = original is not None and not isinstance(original, GraphQLError)
        if server_fault or (formatted.get("path") and SERVER_COMPLETION_ERROR.search(formatted.get("message", ""))):
            request_id = _request_id.get()
            logger.error(
                "GraphQL resolver failed (request %s): %s", request_id, formatted.get("message"), exc_info=original
            )
            path = ".".join(str(p) for p in formatted.get("path") or [])
            formatted["message"] = f"Internal error while resolving '{path}'. Request id: {request_id}."
            formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
        elif formatted.get("path") and not (formatted.get("extensions") or {}).get("code"):
            # A resolver refused what the client asked for, in words: say it is the client's to fix.
            formatted.setdefault("extensions", {})["code"] = "BAD_USER_INPUT"
        elif not formatted.get("path") and not (formatted.get("extensions") or {}).get("code"):
            # A document refused before it ran: the client's to fix, named the way Apollo Server names it.
            syntax = isinstance(error, GraphQLError) and error.message.startswith("Syntax Error")
            formatted.setdefault("extensions", {})["code"] = (
                "GRAPHQL_PARSE_FAILED" if syntax else "GRAPHQL_VALIDATION_FAILED"
            )
        return formatted


graphql_view = csrf_exempt(CMSGraphQLView.as_view())
