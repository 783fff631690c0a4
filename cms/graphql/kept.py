"""Kept answers served first: a public GET whose answer is in the response cache is answered before the rest of
the middleware (sessions, CSRF, authentication, messages, locale, redirects) and the view run.

None of them changes a public GraphQL answer: it carries no cookie and no user, and its language is the default
one (unprefixed paths are). What they would add to it is added here, so a kept answer reads the same either way.
A miss goes on down the stack with the cache's reading noted, so the view does not ask the cache again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.wsgi import get_str_from_wsgi
from django.http import HttpRequest, HttpResponse, QueryDict

from cms.graphql import response_cache
from cms.graphql.http import negotiate_media_type
from cms.graphql.pipeline import Exchange, Outcome, Refused, answer_key, params_from, request_id_of, respond


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
    if settings.GRAPHQL_CACHE_SECONDS <= 0 or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    query_string = get_str_from_wsgi(request.META, "QUERY_STRING", "")  # decoded as request.GET decodes it
    asked = what_was_asked(query_string, request.headers.get("Accept", ""), request.get_host())
    if asked is None:
        return None
    media_type, pretty, key = asked
    generation, hit = response_cache.lookup(key)
    # Kept on the request for the view (read with getattr); Django's stubs allow no attribute of a request's own.
    request.graphql_lookup = (key, generation)  # type: ignore[attr-defined]
    if hit is None:
        return None
    exchange = Exchange(request_id_of(request), media_type, pretty)
    return respond(request, exchange, Outcome(hit.body, public_seconds=hit.seconds, etag=hit.etag, keys=hit.keys))


@functools.lru_cache(maxsize=1024)
def what_was_asked(query_string: str, accept: str, host: str) -> tuple[str, bool, str] | None:
    """The media type, indentation and answer key a GET asks for, or None when it cannot be answered from the
    cache. A display asks the same question many times a minute: its parameters are read and hashed once per
    worker, not on every request (bounded: the least recently asked are forgotten)."""
    media_type = negotiate_media_type(accept)
    if media_type is None or "text/html" in accept:
        return None
    source = QueryDict(query_string)
    try:
        params = params_from(source)
    except Refused:
        return None
    pretty = bool(source.get("pretty"))
    key = answer_key(host, Exchange("", media_type, pretty), params)
    if key is None or params.stores_text:
        return None
    return media_type, pretty, key
