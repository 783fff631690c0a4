"""GraphQL over HTTP at the edges: which media type to answer in, refusals, and caching headers."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse, QueryDict

from cms import surrogate_keys
from cms.errors import ErrorCode
from cms.graphql.limits import is_mutation_body

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
MEDIA_TYPES = (GRAPHQL_RESPONSE, JSON)
# Every JSON answer differs by Accept (media type) and Origin (CORS headers), and by nothing else.
VARY = "Accept, Origin"


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


# What each GraphQL parameter must be when it is sent (GraphQL over HTTP), and the JSON name of what may come instead.
PARAMETER_KINDS = {"query": str, "operationName": str, "variables": dict, "extensions": dict}
JSON_KINDS = {
    list: "an array",
    dict: "an object",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}


def misshapen_parameter(source: Any, variables: Any) -> str | None:
    """Why the GraphQL parameters in a POST's JSON object or a GET's query string cannot be read (a `query` that is
    not a string, `variables` not an object); None when they can. `variables` as read from JSON text, if sent so.
    A GET's `extensions` is JSON text, read by the persisted-query step."""
    sent = {name: source.get(name) for name in PARAMETER_KINDS}
    sent["variables"] = None if variables == "" else variables
    if isinstance(source, QueryDict):
        sent["extensions"] = None
    for name, kind in PARAMETER_KINDS.items():
        value = sent[name]
        if value is not None and not isinstance(value, kind):
            expected = "a string" if kind is str else "an object"
            return f"`{name}` must be {expected} when it is sent; got {JSON_KINDS.get(type(value), 'another value')}."
    return None


def error_response(message: str, status: int, code: ErrorCode) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "extensions": {"code": str(code)}}]}, status=status)


def not_acceptable(accept: str) -> HttpResponse:
    response = error_response(
        f"GraphQL answers are served as '{GRAPHQL_RESPONSE}' or '{JSON}'; "
        f"the Accept header allows neither: '{accept[:200]}'.",
        406,
        ErrorCode.NOT_ACCEPTABLE,
    )
    response["Vary"] = VARY
    return response


def refuse_transport(request: HttpRequest) -> HttpResponse | None:
    """A refusal for a request no GraphQL should be read from (method, body type, body size); None otherwise."""
    if request.method not in ("GET", "POST"):
        response = error_response(
            "GraphQL is served by GET (queries) and POST with a JSON body.", 405, ErrorCode.METHOD_NOT_ALLOWED
        )
        response["Allow"] = "GET, POST"
        return response
    if request.method == "GET":
        # A GET has no body whatever Content-Type a client sends with it (Apollo sends application/json).
        return None
    if request.content_type != JSON:
        return error_response(
            f"POST bodies must be '{JSON}'; got '{request.content_type or 'none'}'.",
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        )
    return _refuse_large_body(request)


def _refuse_large_body(request: HttpRequest) -> HttpResponse | None:
    limit = settings.GRAPHQL_MAX_BODY_BYTES
    mutation_limit = max(settings.GRAPHQL_MAX_MUTATION_BODY_BYTES, limit)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    too_large = error_response(
        f"Request body is larger than the limit of {limit} bytes ({mutation_limit} bytes for a mutation).",
        413,
        ErrorCode.BODY_TOO_LARGE,
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


def entity_tag(media_type: str, body: bytes) -> str:
    # The media type is part of the tag: the same body as another type is another representation.
    return f'"{hashlib.sha256(media_type.encode() + b" " + body).hexdigest()[:32]}"'


def with_caching_headers(
    request: HttpRequest,
    response: HttpResponse,
    *,
    public_seconds: int,
    preview: bool,
    etag: str | None = None,
    keys: tuple[str, ...] = (),
) -> HttpResponse:
    """ETag and 304 for every JSON answer; shared caches may keep public answers until they change, and are
    told what content each includes (surrogate keys), to purge it by."""
    media_type = response.get("Content-Type", "").split(";")[0]
    if response.status_code != 200 or media_type not in MEDIA_TYPES:
        return response
    response["Vary"] = VARY
    if preview:
        # A draft must not be kept by any cache, nor matched by an ETag once the draft changes.
        response["Cache-Control"] = "private, no-store"
        return response
    uncached = "private, no-store" if request.method == "POST" else "no-cache"
    etag = etag or entity_tag(media_type, response.content)
    return shared_or_not_modified(
        request, response, public_seconds, etag, keys, uncached=uncached, carried=("Vary", "X-Request-ID")
    )


def shared_or_not_modified(
    request: HttpRequest,
    response: HttpResponse,
    public_seconds: int,
    etag: str,
    keys: tuple[str, ...],
    *,
    uncached: str = "no-cache",
    carried: tuple[str, ...] = (),
) -> HttpResponse:
    """A public answer (a GraphQL one, a site page): shared caches may keep it for `public_seconds` and are told
    what content it includes (surrogate keys) to purge it by; a client that holds it already gets a 304 with
    its ETag, Cache-Control, surrogate keys and the `carried` headers."""
    if public_seconds > 0:
        stale = settings.GRAPHQL_CACHE_STALE_SECONDS
        response["Cache-Control"] = f"public, max-age=0, s-maxage={public_seconds}, stale-while-revalidate={stale}"
        surrogate_keys.tag(response, keys)
    else:
        response["Cache-Control"] = uncached
    response["ETag"] = etag
    if request.method in ("GET", "HEAD") and etag in (
        tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")
    ):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Surrogate-Key", "Cache-Tag", *carried):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response
