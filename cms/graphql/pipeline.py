"""The GraphQL request path, top to bottom: one function per step, called in order by `answer`.

refuse what cannot be served (Accept, method, body type and size) → read the parameters → answer a
repeated public request from the cache in one round trip → resolve a persisted query → parse and validate
(once per text) → refuse a mutation by GET → execute → keep the answer when it is public → headers.
What a step learns travels to the next as a value, never as an attribute set on the request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from graphql import ExecutionResult, GraphQLError, OperationType, execute_sync, get_operation_ast
from graphql.execution import MiddlewareManager
from graphql.language import DocumentNode, OperationDefinitionNode
from grapple.schema import schema

from cms import json_body, surrogate_keys, visibility
from cms.errors import ErrorCode
from cms.graphql import response_cache
from cms.graphql.context import build_context
from cms.graphql.documents import checked_document, current_limits
from cms.graphql.error_format import format_error
from cms.graphql.http import (
    GRAPHQL_RESPONSE,
    JSON,
    entity_tag,
    misshapen_parameter,
    negotiate_media_type,
    not_acceptable,
    refuse_transport,
    with_caching_headers,
)
from cms.graphql.middleware import RESOLVER_MIDDLEWARE
from cms.graphql.persisted import persisted_hash, resolve_persisted_query
from cms.middleware import request_id_of
from cms.preview import is_preview

# One manager for the process: it remembers each resolver wrapped in the middleware.
MIDDLEWARE = MiddlewareManager(*RESOLVER_MIDDLEWARE)


@dataclass(frozen=True)
class Exchange:
    """What the request asked of the answer's form: where it is logged, its media type, indentation."""

    request_id: str
    media_type: str
    pretty: bool


@dataclass(frozen=True)
class Params:
    """The GraphQL parameters a request sent; `refused` when its extensions could not be read."""

    query: str | None
    variables: Any
    operation_name: str | None
    digest: str | None = None
    refused: GraphQLError | None = None

    @property
    def stores_text(self) -> bool:  # a text sent with its hash, to be stored under it in the persisted-query store
        return bool(self.query and self.digest)


@dataclass(frozen=True)
class Outcome:
    """An answer's body and status, and how long caches may keep it (0: not public)."""

    body: bytes
    status: int = 200
    public_seconds: int = 0
    preview: bool = False
    etag: str | None = None
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Execution:
    """What running the request found: the query text, its operation, the result, whether it showed a draft."""

    result: ExecutionResult
    query: str | None = None
    operation: OperationDefinitionNode | None = None
    document: DocumentNode | None = None
    preview: bool = False
    keys: tuple[str, ...] = ()


class Refused(Exception):
    """A request refused over HTTP before or instead of a GraphQL answer (graphene-django's HttpError)."""

    def __init__(
        self, message: str, status: int = 400, code: ErrorCode = ErrorCode.BAD_REQUEST, allow: str = ""
    ) -> None:
        super().__init__(message)
        self.message, self.status, self.code, self.allow = message, status, code, allow


def answer(request: HttpRequest, *, html_asked: bool = False) -> HttpResponse:
    """The JSON answer to a GraphQL request; `html_asked` when the Accept header named GraphiQL's page."""
    request_id = request_id_of(request)
    accept = request.headers.get("Accept", "")
    media_type = JSON if html_asked else negotiate_media_type(accept)
    if media_type is None:
        response = not_acceptable(accept)
    else:
        response = refuse_transport(request) or _graphql(
            request, Exchange(request_id, media_type, bool(request.GET.get("pretty")))
        )
        if media_type == GRAPHQL_RESPONSE and response.get("Content-Type", "").split(";")[0] == JSON:
            response["Content-Type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
    response["X-Request-ID"] = request_id
    return response


def _graphql(request: HttpRequest, exchange: Exchange) -> HttpResponse:
    try:
        params = read_params(request)
        key = answer_key(request.get_host(), exchange, params)
        outcome = response_cache.cache_aside(
            key,
            lambda generation: _work_out(request, exchange, params, key, generation),
            read=may_hit(request, params, key),
        )
    except Refused as refusal:
        return refused_response(exchange, refusal)
    if isinstance(outcome, response_cache.Hit):
        outcome = Outcome(outcome.body, public_seconds=outcome.public_seconds, etag=outcome.etag, keys=outcome.keys)
    return respond(request, exchange, outcome)


def _work_out(request: HttpRequest, exchange: Exchange, params: Params, key: str | None, generation: int) -> Outcome:
    execution = run(request, params, generation)
    body, status = encode(exchange, execution.result)
    seconds = public_seconds(request, key, execution)
    etag = entity_tag(exchange.media_type, body) if seconds > 0 else None
    return Outcome(body, status, seconds, execution.preview, etag, execution.keys)


def read_params(request: HttpRequest) -> Params:
    """Query, variables, operation and persisted hash: from the URL for a GET, from the JSON body for a POST.

    A POST reads its body alone: GraphiQL posts to its own URL, so a shared "?query=..." link would otherwise
    replace every request it sends.
    """
    return params_from(request.GET if request.method == "GET" else _json_body(request))


def params_from(source: Any) -> Params:
    """The GraphQL parameters in a GET's query string or a POST's JSON object."""
    variables = source.get("variables")
    if variables and isinstance(variables, str):
        try:
            variables = json_body.loads(variables)
        except ValueError:
            raise Refused("Variables are invalid JSON.") from None
    operation_name = source.get("operationName")
    if operation_name == "null":
        operation_name = None
    query = source.get("query")
    if problem := misshapen_parameter(source, variables):
        raise Refused(problem)
    try:
        digest = persisted_hash(source.get("extensions"))
    except GraphQLError as error:
        return Params(query, variables, operation_name, refused=error)
    return Params(query, variables, operation_name, digest)


def _json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json_body.loads(request.body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise Refused(str(error)) from None
    except ValueError:
        raise Refused("POST body sent invalid JSON.") from None
    if not isinstance(data, dict):
        raise Refused("The received data is not a valid JSON query.")
    return data


def answer_key(host: str, exchange: Exchange, params: Params) -> str | None:
    """The cache key of the answer to what was sent to `host`; None when no answer to it may be kept."""
    sent = params.query or (f"sha256:{params.digest}" if params.digest else None)
    if settings.GRAPHQL_CACHE_SECONDS <= 0 or params.refused or not sent:
        return None
    media = f"{exchange.media_type} pretty" if exchange.pretty else exchange.media_type
    return response_cache.answer_key(host, media, sent, params.variables, params.operation_name)


def may_hit(request: HttpRequest, params: Params, key: str | None) -> bool:
    """A session (an editor may see more) never reads a kept answer; nor does a text sent to be stored."""
    return key is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES and not params.stores_text


def run(request: HttpRequest, params: Params, generation: int | None = None) -> Execution:
    """Resolve the persisted query, check the document (once per text), refuse a mutation by GET, execute (in
    `generation`, when the response cache has just told it)."""
    if params.refused is not None:
        return Execution(ExecutionResult(errors=[params.refused]))
    try:
        query = resolve_persisted_query(params.query, params.digest)
    except GraphQLError as error:
        return Execution(ExecutionResult(errors=[error]))
    if not query:
        raise Refused("Must provide query string.")
    document, errors = checked_document(query, current_limits())
    if document is None:
        return Execution(ExecutionResult(errors=list(errors)), query)
    operation = get_operation_ast(document, params.operation_name)
    if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
        raise Refused(
            f"Can only perform a {operation.operation.value} operation from a POST request.",
            405,
            ErrorCode.METHOD_NOT_ALLOWED,
            allow="POST",
        )
    if errors:
        return Execution(ExecutionResult(errors=list(errors)), query, operation, document)
    context = build_context(request, generation)
    with surrogate_keys.reading() as rows, visibility.answering(context):
        try:
            result = execute_sync(
                schema.graphql_schema,
                document,
                context_value=context,
                variable_values=params.variables,
                operation_name=params.operation_name,
                middleware=MIDDLEWARE,
            )
        except Exception as error:
            result = ExecutionResult(errors=[error])  # type: ignore[list-item]  # format_error takes any exception
    looked_up = surrogate_keys.lookup_keys(schema.graphql_schema, query, document)
    keys = tuple(sorted(looked_up | surrogate_keys.read_keys(rows)))
    return Execution(result, query, operation, document, is_preview(context), keys)


def encode(exchange: Exchange, result: ExecutionResult) -> tuple[bytes, int]:
    """The answer's JSON and status: a document that never ran is a 400 in the spec's type, 200 in application/json."""
    body: dict[str, Any] = {}
    status = 200
    if result.errors:
        body["errors"] = [format_error(error, exchange.request_id) for error in result.errors]
    if result.errors and any(not getattr(error, "path", None) for error in result.errors):
        status = 400 if exchange.media_type == GRAPHQL_RESPONSE else 200
    else:
        body["data"] = result.data
    return _dumps(exchange, body), status


def _dumps(exchange: Exchange, body: dict[str, Any]) -> bytes:
    if exchange.pretty:
        return json.dumps(body, sort_keys=True, indent=2, separators=(",", ": ")).encode()
    return json.dumps(body, separators=(",", ":")).encode()


def public_seconds(request: HttpRequest, key: str | None, execution: Execution) -> int:
    """How long shared caches may keep this answer: 0 unless it is a public query's answer without errors, and
    never for a draft or an argument that makes it private (response_cache.is_private), even through a variable."""
    operation, document = execution.operation, execution.document
    if key is None or document is None or operation is None or operation.operation != OperationType.QUERY:
        return 0
    if execution.result.errors or execution.preview or response_cache.is_private(document):
        return 0
    # Only a session cookie can carry a user; reading the user otherwise would mark every answer `Vary: Cookie`.
    if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
        return 0
    return response_cache.seconds_to_keep()


def respond(request: HttpRequest, exchange: Exchange, outcome: Outcome) -> HttpResponse:
    response = HttpResponse(outcome.body, status=outcome.status, content_type=f"{exchange.media_type}; charset=utf-8")
    response["X-Request-ID"] = exchange.request_id
    return with_caching_headers(
        request,
        response,
        public_seconds=outcome.public_seconds,
        preview=outcome.preview,
        etag=outcome.etag,
        keys=outcome.keys,
    )


def refused_response(exchange: Exchange, refusal: Refused) -> HttpResponse:
    body = {"errors": [{"message": refusal.message, "extensions": {"code": str(refusal.code)}}]}
    response = HttpResponse(_dumps(exchange, body), status=refusal.status, content_type=JSON)
    if refusal.allow:
        response["Allow"] = refusal.allow
    return response
