"""What a screen is told about itself, and whether it is online: one rule for admin, the worker and emails."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from wagtail.models import Site

from displays.models import Display, FleetSettings
from displays.pulse import bump_fleet

COMMANDS = ("identify", "reload")
STATES = ("online", "offline", "never seen", "unpaired")


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
    """The displays of `queryset` in a state, as a database filter (the listing's filter)."""
    now = now or timezone.now()
    # A screen's heartbeat interval is its poll interval within 10 s..5 min; its silence limit is that many times.
    limit = fleet.offline_after_missed
    interval = datetime.timedelta(seconds=1)
    seen_recently = Q(last_seen_at__gt=now - F("poll_seconds") * interval * limit)
    bounded = Q(poll_seconds__lt=10, last_seen_at__gt=now - datetime.timedelta(seconds=10 * limit)) | Q(
        poll_seconds__gt=300, last_seen_at__gt=now - datetime.timedelta(seconds=300 * limit)
    )
    online = Q(poll_seconds__gte=10, poll_seconds__lte=300) & seen_recently | bounded
    paired = queryset.exclude(credential_hash="")
    if state == "unpaired":
        return queryset.filter(credential_hash="")
    if state == "never seen":
        return paired.filter(last_seen_at__isnull=True)
    if state == "online":
        return paired.filter(online)
    if state == "offline":
        return paired.filter(last_seen_at__isnull=False).exclude(online)
    return queryset


def issue_command(display: Display, name: str) -> None:
    """Ask the screen to identify itself or reload; it hears of it at its next pulse."""
    if name not in COMMANDS:
        raise ValueError(f"Unknown command {name!r}; screens know {', '.join(COMMANDS)}.")
    display.command = name
    display.command_id += 1
    display.save(update_fields=["command", "command_id"])
    bump_fleet()
