"""One log line per request, and what a request is called in logs and metrics.

`RequestLogMiddleware` writes one line to the `cms.requests` logger for every answer, Django's own error pages
included: the request id (the `X-Request-ID` the answer carries), method, route, GraphQL operation, status,
duration and SQL statements. With LOG_FORMAT=json (the production default) each line is one JSON object
(python-json-logger). Nothing a person sent is logged: no query string, no form or body, no address of a page
that may carry a code (a letter's status page): the route is the URL pattern that matched, not the path.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

from cms import metrics

logger = logging.getLogger("cms.requests")

OPERATION = re.compile(r"^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]{0,63})")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered; for what answered before URLs were resolved (a cached GraphQL answer, the
    screens' pulse), the fixed prefix it serves; a page of the site is "page"."""
    match = request.resolver_match
    if match is not None:
        if match.url_name == "wagtail_serve" or match.view_name.endswith("wagtail_serve"):
            return "page"
        return "/" + match.route.lstrip("^").rstrip("$") if match.route else match.view_name
    path = request.path_info
    for prefix in ("/graphql/", "/display/api/", "/static/", "/media/"):
        if path.startswith(prefix):
            return prefix
    return "unresolved"


def operation_of(request: HttpRequest) -> str | None:
    """The GraphQL operation's name, as sent (operationName) or read off the document's first operation; a
    persisted query by its hash's first characters. Only well-formed names, so a log or a metric never carries
    what a client made up beyond a name."""
    if not request.path_info.startswith("/graphql"):
        return None
    if request.method == "GET":
        name = request.GET.get("operationName") or ""
        query = request.GET.get("query") or ""
    else:
        name, query = "", ""  # a POST's body is read by the view; parsing it again here is not worth it
    if not name and query:
        found = OPERATION.match(query)
        name = found.group(1) if found else ""
    return name if NAME.match(name) else None


class RequestLogMiddleware:
    """Second in MIDDLEWARE, right after the request id: it sees every answer, Django's 500 page included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        statements = [0]

        def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            statements[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connections["default"].execute_wrapper(count):
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        route, operation = route_of(request), operation_of(request)
        metrics.observe_request(request.method or "", route, operation, response.status_code, seconds, statements[0])
        logger.info(
            "%s %s %s",
            request.method,
            route,
            response.status_code,
            extra={
                "event": "request",
                "request_id": request.META.get("HTTP_X_REQUEST_ID"),
                "method": request.method,
                "route": route,
                "operation": operation,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 2),
                "sql": statements[0],
            },
        )
        return response
