"""Kept answers served first: a public GET whose answer is in the response cache is answered before the rest of
the middleware (sessions, CSRF, authentication, messages, locale, redirects) and the view run.

None of them changes a public GraphQL answer: it carries no cookie and no user, and its language is the default
one (unprefixed paths are). What they would add to it is added here, so a kept answer reads the same either way.
A miss goes on down the stack with the cache's reading noted, so the view does not ask the cache again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from cms.graphql import response_cache
from cms.graphql.http import negotiate_media_type, refuse_transport
from cms.graphql.pipeline import (
    Exchange,
    Outcome,
    Refused,
    answer_key,
    may_hit,
    pretty_asked,
    read_params,
    request_id_of,
    respond,
)


class KeptAnswerMiddleware:
    """Answers GET /graphql/ from the response cache when it holds the answer; everything else passes through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.path_info == "/graphql/":
            response = kept_answer(request)
            if response is not None:
                response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
                response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
                response.headers.setdefault("Content-Length", str(len(response.content)))
                return response
        return self.get_response(request)


def kept_answer(request: HttpRequest) -> HttpResponse | None:
    """The kept answer to a public GET; None when none is kept, or when the request must go the whole way
    (GraphiQL's page, a session, a refusal)."""
    accept = request.headers.get("Accept", "")
    media_type = negotiate_media_type(accept)
    if media_type is None or "text/html" in accept or refuse_transport(request) is not None:
        return None
    try:
        params = read_params(request)
    except Refused:
        return None
    exchange = Exchange(request_id_of(request), media_type, pretty_asked(request))
    key = answer_key(request, exchange, params)
    if not may_hit(request, params, key):
        return None
    generation, hit = response_cache.lookup(key)
    request.graphql_lookup = (key, generation)
    if hit is None:
        return None
    return respond(request, exchange, Outcome(hit.body, public_seconds=hit.seconds, etag=hit.etag, keys=hit.keys))
