"""The fleet's pulse: two numbers every screen polls cheaply to learn that the alerts changed, or that something for
the fleet did (a setting, a command, a credential revoked), and only then asks more.

They are database counters (cms.counters), moved in the same transaction as the change they tell of, so a change
reaches every app server's screens within a second of its commit whatever the cache does: a cache write lost while
Redis hangs can no longer leave an alert unannounced. Each process reads them at most once a second."""

from __future__ import annotations

from cms import counters

ALERTS = counters.declare("displays.alerts", in_answers=True)
FLEET = counters.declare("displays.fleet")


def pulse_numbers(*, fresh: bool = False) -> dict[str, int]:
    """{"alerts": n, "fleet": m}; a number never moved reads as 0. `fresh`: as the database has them now."""
    found = counters.values(fresh=fresh)
    return {"alerts": found.get(ALERTS, 0), "fleet": found.get(FLEET, 0)}


def bump_alerts() -> None:
    """An alert was issued, changed, or ended: every screen asks for its alerts once this commits."""
    counters.bump(ALERTS)


def bump_fleet() -> None:
    """A screen's settings changed, a command waits, or a credential was revoked: screens report in and pick it
    up, and every cached credential and screen setting is read afresh."""
    counters.bump(FLEET)
