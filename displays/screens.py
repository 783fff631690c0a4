"""What a screen is told about itself, and whether it is online: one rule for admin, the worker and emails."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Site

from displays.models import Display, FleetSettings
from displays.pulse import bump_fleet

COMMANDS = ("identify", "reload")
ONLINE, OFFLINE, NEVER_SEEN, UNPAIRED = "online", "offline", "never seen", "unpaired"
STATES = (ONLINE, OFFLINE, NEVER_SEEN, UNPAIRED)


def heartbeat_seconds(display: Display) -> int:
    """How often the screen reports: its content poll, kept between 10 seconds and 5 minutes."""
    return min(max(display.poll_seconds, 10), 300)


def display_config(display: Display) -> dict[str, Any]:
    """The settings a screen takes from the server (the heartbeat's and the pairing's `display`)."""
    school = display.school
    return {
        "key": str(display.key),
        "name": display.name,
        "school": school.slug if school else None,
        "schoolName": school.display_name if school else None,
        "location": display.location,
        "languages": list(display.languages or []),
        "rotateSeconds": display.rotate_seconds,
        "pollSeconds": display.poll_seconds,
        "heartbeatSeconds": heartbeat_seconds(display),
        "pulseSeconds": settings.DISPLAY_PULSE_SECONDS,
    }


def fleet_settings() -> FleetSettings:
    """The default site's fleet settings (unsaved defaults when there is no site yet)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return FleetSettings.for_site(site) if site else FleetSettings()


def offline_after(display: Display, fleet: FleetSettings) -> datetime.timedelta:
    return datetime.timedelta(seconds=heartbeat_seconds(display) * fleet.offline_after_missed)


def display_state(display: Display, fleet: FleetSettings, now: datetime.datetime | None = None) -> str:
    """online, offline (no heartbeat for `offline_after_missed` of its heartbeats), never seen, or unpaired."""
    if not display.is_paired:
        return "unpaired"
    if display.last_seen_at is None:
        return "never seen"
    now = now or timezone.now()
    return "online" if now - display.last_seen_at < offline_after(display, fleet) else "offline"


def in_state(queryset: QuerySet[Display], state: str, fleet: FleetSettings, now: datetime.datetime | None = None):
    """The screens of the queryset in a state, worked out by the database with the same rule (the listing's filter)."""
    now = now or timezone.now()
    if state == UNPAIRED:
        return queryset.filter(credential_hash="")
    paired = queryset.exclude(credential_hash="")
    if state == NEVER_SEEN:
        return paired.filter(last_seen_at__isnull=True)
    seen = paired.filter(last_seen_at__isnull=False)
    # One cut-off per poll interval in use (a handful), so any database compares plain instants.
    quiet = Q(pk__in=[])
    for poll in set(seen.values_list("poll_seconds", flat=True)):
        probe = Display(poll_seconds=poll)
        quiet |= Q(poll_seconds=poll, last_seen_at__lte=now - offline_after(probe, fleet))
    if state == OFFLINE:
        return seen.filter(quiet)
    if state == ONLINE:
        return seen.exclude(quiet)
    return queryset.none()


def issue_command(display: Display, name: str) -> None:
    """Ask the screen to identify itself or reload; it hears of it at its next pulse."""
    if name not in COMMANDS:
        raise ValueError(f"Unknown command {name!r}; screens know {', '.join(COMMANDS)}.")
    display.command = name
    display.command_id += 1
    display.save(update_fields=["command", "command_id"])
    bump_fleet()
