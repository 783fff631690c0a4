"""Which screens went quiet, and telling the school: the fleet's duty on each worker tick.

A paired screen that has been seen is offline once it missed `FleetSettings.offline_after_missed`
heartbeats in a row (its heartbeat interval is its content poll, 10 s to 5 min). Its `offline_since` is
then set to the last time it was heard from. Once it has been quiet longer than
`FleetSettings.notify_after_minutes`, ONE email goes to the school's display contact (or the fleet's
fallback contact; nobody, no email). When a fresh beat arrives, a "back online" email follows only if the
offline one went out, and both marks are cleared. The rule matches displays.screens.display_state.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.outbox import queue_email
from displays import heartbeats
from displays.models import Display, FleetSettings
from displays.pairing import forget_old_codes
from displays.screens import fleet_settings, offline_after

logger = logging.getLogger("displays.health")


def worker_duty() -> None:
    """The `worker_tick` duty: write the collected heartbeats, then look for screens gone quiet or back."""
    heartbeats.flush()
    check_fleet()
    forget_old_codes()


def check_fleet(now: datetime.datetime | None = None) -> dict[str, int]:
    """Mark screens offline or back online and queue the emails that are due; returns what changed."""
    now = now or timezone.now()
    fleet = fleet_settings()
    counts = {"offline": 0, "notified": 0, "online": 0}
    watched = Display.objects.select_related("school").exclude(credential_hash="").exclude(last_seen_at=None)
    with transaction.atomic():
        for display in watched.select_for_update(of=("self",)):
            assert display.last_seen_at is not None  # `watched` leaves out screens never seen
            quiet = now - display.last_seen_at >= offline_after(display, fleet)
            if display.offline_since and display.last_seen_at > display.offline_since:
                # Heard from since it went quiet (even if quiet again by now: then it goes offline anew below).
                _back_online(display, fleet)
                counts["online"] += 1
            if quiet and not display.offline_since:
                display.offline_since = display.last_seen_at
                Display.objects.filter(pk=display.pk).update(offline_since=display.offline_since)
                counts["offline"] += 1
            if (
                quiet
                and display.offline_since
                and not display.offline_notice_sent_at
                and now - display.offline_since >= datetime.timedelta(minutes=fleet.notify_after_minutes)
            ):
                _notify_offline(display, fleet, now)
                counts["notified"] += 1
    return counts


def contact_for(display: Display, fleet: FleetSettings) -> str:
    school_contact = display.school.display_contact_email if display.school else ""
    return school_contact or fleet.fallback_contact_email


def _notify_offline(display: Display, fleet: FleetSettings, now: datetime.datetime) -> None:
    contact = contact_for(display, fleet)
    Display.objects.filter(pk=display.pk).update(offline_notice_sent_at=now)
    if not contact:
        logger.info("Screen %s is offline; nobody to tell (no school or fallback contact).", display.pk)
        return
    queue_email(
        to=[contact],
        subject=f"Screen offline: {display.name}{_at(display)}",
        body=(
            f"The screen “{display.name}”{_at(display)} has not reported since {_when(display.offline_since)}.\n\n"
            f"Where: {display.location or 'no location given'}\n"
            f"Last showing: {_showing(display)}\n\n"
            "Please check that it has power and a network connection; it reconnects by itself.\n\n"
            f"Its page in the admin: {_admin_url(display)}\n"
        ),
        topic="display.offline",
        about=f"display:{display.pk}",
    )


def _back_online(display: Display, fleet: FleetSettings) -> None:
    if display.offline_notice_sent_at:
        queue_email(
            to=[contact_for(display, fleet)],
            subject=f"Screen back online: {display.name}{_at(display)}",
            body=(
                f"The screen “{display.name}”{_at(display)} is reporting again (since {_when(display.last_seen_at)});"
                f" it had been offline since {_when(display.offline_since)}.\n\n"
                f"Where: {display.location or 'no location given'}\n"
                f"Now showing: {_showing(display)}\n\n"
                f"Its page in the admin: {_admin_url(display)}\n"
            ),
            topic="display.online",
            about=f"display:{display.pk}",
        )
    Display.objects.filter(pk=display.pk).update(offline_since=None, offline_notice_sent_at=None)
    display.offline_since = display.offline_notice_sent_at = None


def _at(display: Display) -> str:
    return f" at {display.school.short_name or display.school.name}" if display.school else ""


def _when(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%A %-d %B %Y, %-I:%M %p %Z") if moment else "an unknown time"


def _showing(display: Display) -> str:
    showing = (display.last_report or {}).get("showing") or {}
    if not showing:
        return "unknown"
    parts = [showing.get("kind", "?")]
    if showing.get("itemId"):
        parts.append(f"item {showing['itemId']}")
    if showing.get("language"):
        parts.append(f"in {showing['language']}")
    return " ".join(parts)


def _admin_url(display: Display) -> str:
    try:
        path = reverse("displays_screens:edit", args=[display.pk])
    except Exception:  # the screens admin is not mounted: its usual address
        path = f"/admin/displays/screens/edit/{display.pk}/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
