"""Heartbeats at fleet scale: a screen's report goes to the cache, and the database hears of it in batches.

Why: a district fleet of a few thousand screens beating every minute is dozens of requests a second. A
database write per request would make the heartbeat the busiest writer of the whole site. Instead each
beat is one cache write (`displays:beat:<display id>`: the report and the server's receive time), and
`flush()` moves every pending beat to the Display rows in one `bulk_update` per 500 rows and upserts
the play totals into PlayTally in one statement per 500 rows. So the database sees, every 30 seconds,
the rows that changed in that time, in a handful of statements, not one statement per request.

Who flushes: whichever heartbeat first wins `cache.add(FLUSH_LOCK, ..., timeout=FLUSH_SECONDS)` (so at most
one flush per 30 seconds across all app servers), and the worker's `worker_tick` duty every tick. A flush
is safe to repeat or run twice at once: a row is written only when its beat is newer than `last_seen_at`,
and play totals are running totals, so writing the same totals again changes nothing.

If the cache is down a beat is written straight to its Display row and its plays upserted (and a warning
logged): slower, but no beat and no play total is lost. The beats live in the shared cache (Redis in
production, which keeps them until flushed); the embedded in-process cache is set to hold 20,000 entries,
enough for a large fleet's beats between flushes.

The screen's config and waiting command are cached per display as well (`displays:config:<id>`), so a
steady-state heartbeat reads no database row at all. The cached copy is rebuilt when the display is saved
(post_save) and when the fleet pulse number changes (a setting or a command for the fleet).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from displays.models import Display, PlayTally
from displays.screens import display_config

logger = logging.getLogger("displays.heartbeats")

FLUSH_SECONDS = 30
FLUSH_LOCK = "displays:flush-lock"
BATCH = 500
BEAT_SECONDS = 7 * 24 * 3600  # a beat not flushed in a week is of no more use
CONFIG_SECONDS = 3600


def beat_key(display_id: int) -> str:
    return f"displays:beat:{display_id}"


def config_key(display_id: int) -> str:
    return f"displays:config:{display_id}"


# --- the screen's config and command, cached -------------------------------------------------------------


def snapshot(display: Display, fleet: int, previous: dict | None = None) -> dict[str, Any]:
    """What a heartbeat answers for this display: its config and the command waiting for it. A command keeps
    the time it was first seen as its `issuedAt`, so rebuilding the snapshot does not make it new again."""
    command = None
    if display.command and display.command_id:
        issued = timezone.now().isoformat()
        before = (previous or {}).get("command")
        if before and before.get("id") == display.command_id:
            issued = before["issuedAt"]
        command = {"id": display.command_id, "name": display.command, "issuedAt": issued}
    return {"fleet": fleet, "config": display_config(display), "command": command}


def cached_snapshot(display_id: int, fleet: int) -> dict[str, Any] | None:
    """The display's snapshot from the cache; from the database when missing or older than the fleet pulse.
    None when the display no longer exists."""
    try:
        found = cache.get(config_key(display_id))
    except Exception:
        logger.warning("Cache unavailable reading display %s config; reading the database.", display_id)
        found = None
    if found is not None and found.get("fleet") == fleet:
        return found
    display = Display.objects.select_related("school").filter(pk=display_id).first()
    if display is None:
        return None
    fresh = snapshot(display, fleet, found)
    try:
        cache.set(config_key(display_id), fresh, timeout=CONFIG_SECONDS)
    except Exception:
        logger.warning("Cache unavailable storing display %s config.", display_id)
    return fresh


@receiver(post_save, sender=Display, dispatch_uid="displays.heartbeats.refresh_config")
def refresh_config(sender: type, instance: Display, **kwargs: Any) -> None:
    """A saved display (settings edited, a command issued) answers its next heartbeat with the new state."""
    try:
        previous = cache.get(config_key(instance.pk))
        from displays.pulse import pulse_numbers

        fleet = pulse_numbers()["fleet"]
        cache.set(config_key(instance.pk), snapshot(instance, fleet, previous), timeout=CONFIG_SECONDS)
    except Exception:
        logger.warning("Cache unavailable refreshing display %s config.", instance.pk)


# --- beats --------------------------------------------------------------------------------------------------


def record_beat(display_id: int, report: dict[str, Any], plays: dict[str, list[dict]]) -> bool:
    """Keep the screen's report for the next flush; returns False when the cache failed and the beat was
    written to the database instead."""
    beat = {"report": report, "plays": plays, "receivedAt": timezone.now().isoformat()}
    try:
        cache.set(beat_key(display_id), beat, timeout=BEAT_SECONDS)
        return True
    except Exception:
        logger.warning("Cache unavailable: display %s heartbeat written straight to the database.", display_id)
        _write_direct(display_id, beat)
        return False


def _write_direct(display_id: int, beat: dict[str, Any]) -> None:
    seen = datetime.datetime.fromisoformat(beat["receivedAt"])
    Display.objects.filter(pk=display_id).update(last_seen_at=seen, last_report=_stored_report(beat))
    upsert_plays(_tallies(display_id, beat["plays"]))


def _stored_report(beat: dict[str, Any]) -> dict[str, Any]:
    return {**beat["report"], "receivedAt": beat["receivedAt"]}


def flush_if_due() -> int:
    """Flush when no flush ran in the last FLUSH_SECONDS (one heartbeat among all servers wins the lock)."""
    try:
        won = cache.add(FLUSH_LOCK, timezone.now().isoformat(), timeout=FLUSH_SECONDS)
    except Exception:
        return 0
    return flush() if won else 0


def flush() -> int:
    """Write every pending beat to its Display row and its play totals to PlayTally; returns how many rows."""
    known = Display.objects.exclude(credential_hash="").values_list("pk", "last_seen_at")
    last_seen = dict(known)
    if not last_seen:
        return 0
    beats = cache.get_many([beat_key(pk) for pk in last_seen])
    changed: list[Display] = []
    tallies: list[PlayTally] = []
    for pk, seen_before in last_seen.items():
        beat = beats.get(beat_key(pk))
        if not beat:
            continue
        seen = datetime.datetime.fromisoformat(beat["receivedAt"])
        if seen_before and seen <= seen_before:
            continue
        changed.append(Display(pk=pk, last_seen_at=seen, last_report=_stored_report(beat)))
        tallies.extend(_tallies(pk, beat["plays"]))
    if changed:
        Display.objects.bulk_update(changed, ["last_seen_at", "last_report"], batch_size=BATCH)
    upsert_plays(tallies)
    return len(changed)


def _tallies(display_id: int, plays: dict[str, list[dict]]) -> list[PlayTally]:
    rows: dict[tuple, PlayTally] = {}
    for day, entries in plays.items():
        for entry in entries:
            key = (datetime.date.fromisoformat(day), entry["kind"], str(entry["itemId"]), entry["language"])
            rows[key] = PlayTally(
                display_id=display_id,
                day=key[0],
                kind=key[1],
                item_id=key[2],
                language=key[3],
                item_label=entry.get("label", "")[:200],
                shows=entry["shows"],
                seconds=entry["seconds"],
            )
    return list(rows.values())


def upsert_plays(tallies: list[PlayTally]) -> None:
    """Insert the totals, or overwrite the ones already there (a screen always sends its running totals)."""
    if tallies:
        PlayTally.objects.bulk_create(
            tallies,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["display", "day", "kind", "item_id", "language"],
            update_fields=["shows", "seconds", "item_label"],
        )
