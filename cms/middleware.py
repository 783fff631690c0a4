"""Request and response handling the whole site shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose pages take their language from the URL only (/es/...).

    With the default language unprefixed, Django already picks the language from the path alone, never from
    the browser's Accept-Language; but its response handling still adds `Vary: Accept-Language` to every
    unprefixed response (the API's among them), which would make shared caches and CDNs keep a copy per
    browser language list for answers that are the same for everyone. Its only other response work, a
    redirect to a prefixed URL, applies only when the default language has a prefix.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def request_id_of(request: HttpRequest) -> str:
    """The id the answer and the logs name the request by: the caller's own (nginx sends one), or a new one."""
    # META, not `request.headers`: that is read once and kept, so it would miss the id the middleware put in META.
    return request.META.get("HTTP_X_REQUEST_ID", "")[:64] or uuid.uuid4().hex


class RequestIdMiddleware:
    """Every answer carries `X-Request-ID`, Django's own error pages included, so any answer can be found in the
    logs. First in MIDDLEWARE: an exception below it has become Django's 500 page by the time it returns here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        # Whatever reads the id further in (the GraphQL pipeline, a page rendered from GraphQL) reads this one.
        request.META["HTTP_X_REQUEST_ID"] = request_id
        response = self.get_response(request)
        response.headers.setdefault("X-Request-ID", request_id)
        return response
