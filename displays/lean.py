"""The screens' own requests, answered in front of Django's middleware.

Every screen asks for the pulse every few seconds, reports a heartbeat every minute, and, the moment an
alert is saved, the whole fleet asks for its alerts at once: a fleet of 1,000 sends over 200 requests a
second. Sessions, CSRF, locales, messages and redirects have nothing to do for any of them, yet the full
middleware chain costs several times what the requests themselves need (one to four cache reads;
bench/fleet.py measures it). So the WSGI application is wrapped: these paths go straight to their views
(the same views Django routes them to, so both paths answer alike), with Django's request signals sent so
database connections are looked after as usual. Everything else goes on to Django.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, JsonResponse
from django.urls import reverse

logger = logging.getLogger("displays.lean")

LEAN_ROUTES = ("display-pulse", "display-heartbeat", "display-alerts")
SECURITY_HEADERS = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin")]


def _views() -> dict[str, Callable[..., HttpResponse]]:
    from django.urls import resolve

    return {path: resolve(path).func for path in (reverse(name) for name in LEAN_ROUTES)}


def _answer(view: Callable[..., HttpResponse], environ: dict) -> HttpResponse:
    signals.request_started.send(sender=WSGIRequest, environ=environ)
    try:
        return view(WSGIRequest(environ))
    except Exception:
        logger.exception("The screens' request %s failed.", environ.get("PATH_INFO"))
        return JsonResponse({"error": "server_error", "message": "The server could not answer; try again."}, status=500)
    finally:
        signals.request_finished.send(sender=WSGIRequest)


def screens_first(application: Callable) -> Callable:
    """Wrap a WSGI application so the screens' pulse, heartbeat and alerts skip Django's middleware."""
    views: dict[str, Callable[..., HttpResponse]] = {}

    def lean_first(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not views:
            views.update(_views())
        view = views.get(environ.get("PATH_INFO", ""))
        if view is None:
            return application(environ, start_response)
        response = _answer(view, environ)
        # What the middleware would have added (cms.security), set by hand.
        headers = [*SECURITY_HEADERS, ("Permissions-Policy", settings.PERMISSIONS_POLICY)]
        start_response(f"{response.status_code} {response.reason_phrase}", [*response.items(), *headers])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [response.content]

    return lean_first
