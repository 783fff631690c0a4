"""The fleet's pulse: two counters every screen polls cheaply (one cache read, no database) to learn that
the alerts changed, or that something for the fleet did (a setting, a command), and only then asks more."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from django.core.cache import cache

logger = logging.getLogger("displays.pulse")

PATH = "/display/api/pulse"
HEADERS = [
    ("Content-Type", "application/json"),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
]
ALERTS_KEY = "displays:pulse:alerts"
FLEET_KEY = "displays:pulse:fleet"


def pulse_numbers() -> dict[str, int]:
    """{"alerts": n, "fleet": m}; a number missing from the cache (emptied, or new) reads as 0."""
    found = cache.get_many([ALERTS_KEY, FLEET_KEY])
    return {"alerts": int(found.get(ALERTS_KEY, 0)), "fleet": int(found.get(FLEET_KEY, 0))}


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet: start past any number a screen may have seen before the cache emptied
        import time

        cache.set(key, int(time.time()), timeout=None)


def bump_alerts() -> None:
    """An alert was issued, changed, or ended: every screen asks for its alerts now."""
    _bump(ALERTS_KEY)


def bump_fleet() -> None:
    """A screen's settings changed or a command waits: screens report in now and pick it up."""
    _bump(FLEET_KEY)


def answer_pulse_first(application: Callable) -> Callable:
    """Wrap the WSGI application so a pulse is answered before Django's middleware and URL routing run.

    Every screen asks for the pulse every few seconds: a fleet of 1,000 sends 200 a second, and the full
    request path (sessions, CSRF, locale, messages, redirects) would cost several times the cache read
    that is all a pulse needs (bench/fleet.py measures it). Anything else, and a pulse the cache cannot
    answer, goes on to Django (`displays.api_fleet.pulse` answers the same there).
    """

    def pulse_first(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == PATH and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                body = json.dumps(pulse_numbers()).encode()
            except Exception:  # the cache is down: Django's view answers (and logs) it
                logger.warning("The pulse could not read the cache.", exc_info=True)
            else:
                start_response("200 OK", [*HEADERS, ("Content-Length", str(len(body)))])
                return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        return application(environ, start_response)

    return pulse_first
