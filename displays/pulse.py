"""The fleet's pulse: two counters every screen polls cheaply (one cache read, no database) to learn that
the alerts changed, or that something for the fleet did (a setting, a command), and only then asks more."""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger("displays.pulse")

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
