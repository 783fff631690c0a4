"""The screens' own requests, answered early in the middleware chain.

Every screen asks for the pulse every few seconds, reports a heartbeat every minute, and, the moment an
alert is saved, the whole fleet asks for its alerts at once: a fleet of 1,000 sends over 200 requests a
second. Sessions, CSRF, locales, messages and redirects have nothing to do for any of them (the views are
CSRF-exempt and read no session), yet the full chain costs several times what the requests themselves need
(bench/fleet.py measures it). So this middleware, placed after the request id, `SecurityMiddleware` and the
security headers (`cms.security`), hands these paths to the views `urls.py` routes them to; the host is
checked as Django checks it. Everything else goes on down the chain.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import resolve, reverse

logger = logging.getLogger("displays.lean")
LEAN_ROUTES = ("display-pulse", "display-heartbeat", "display-alerts")


class ScreensFirstMiddleware:
    """Answers the screens' pulse, heartbeat and alerts requests with their own views, skipping the rest."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views: dict[str, Callable[..., HttpResponse]] = {}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.views:
            self.views = {path: resolve(path).func for path in (reverse(name) for name in LEAN_ROUTES)}
        view = self.views.get(request.path_info)
        if view is None:
            return self.get_response(request)
        request.get_host()  # a host not in ALLOWED_HOSTS is refused (400), as CommonMiddleware would
        try:
            return view(request)
        except Exception:
            # A screen reads JSON: it is told to try again, not shown Django's error page.
            logger.exception("The screens' request %s failed.", request.path_info)
            return JsonResponse(
                {"error": "server_error", "message": "The server could not answer; try again."}, status=500
            )
