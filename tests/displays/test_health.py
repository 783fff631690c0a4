"""Offline screens: the worker marks them, tells the school once, and says so again when they return."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cms.models import OutboundEmail
from cms.worker import run_app_duties
from displays import heartbeats
from displays.health import check_fleet
from displays.models import Display
from tests.displays.conftest import bearer


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def quiet_for(display: Display, minutes: int) -> None:
    """As if the screen's last beat came `minutes` ago, showing a story."""
    Display.objects.filter(pk=display.pk).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=minutes),
        last_report={"showing": {"kind": "story", "itemId": "12", "language": "es"}},
    )


def emails(topic: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(topic=topic))


def test_a_screen_quiet_for_three_beats_is_offline_but_nobody_is_told_yet(paired) -> None:
    display, _ = paired
    quiet_for(display, 4)  # 3 missed 60-second beats, under the 30 minutes before an email
    assert check_fleet()["offline"] == 1
    display.refresh_from_db()
    assert display.offline_since == display.last_seen_at
    assert display.offline_notice_sent_at is None
    assert emails("display.offline") == []


def test_a_screen_that_beats_on_time_stays_online(paired) -> None:
    display, _ = paired
    quiet_for(display, 2)
    assert check_fleet() == {"offline": 0, "notified": 0, "online": 0}


def test_one_offline_email_then_one_back_online_email(client: Client, paired) -> None:
    display, secret = paired
    display.location = "Building B, by the office"
    display.save()
    quiet_for(display, 45)
    run_app_duties()  # the worker's tick: flush, then the fleet's health
    [offline] = emails("display.offline")
    assert offline.to == ["office@mounttahoma.example.org"]
    assert "Main hallway" in offline.subject and "Mount Tahoma" in offline.subject
    assert "Building B, by the office" in offline.body
    assert "story item 12 in es" in offline.body
    assert "Its page in the admin: http://testserver/admin/" in offline.body
    display.refresh_from_db()
    assert display.offline_notice_sent_at is not None

    run_app_duties()  # the next tick: still offline, no second email
    assert len(emails("display.offline")) == 1

    answer = client.post("/display/api/heartbeat", json.dumps({}), content_type="application/json", **bearer(secret))
    assert answer.status_code == 200
    run_app_duties()
    [online] = emails("display.online")
    assert online.to == ["office@mounttahoma.example.org"]
    assert "back online" in online.subject
    display.refresh_from_db()
    assert display.offline_since is None and display.offline_notice_sent_at is None
    run_app_duties()
    assert len(emails("display.online")) == 1


def test_back_before_anyone_was_told_sends_nothing(client: Client, paired) -> None:
    display, secret = paired
    quiet_for(display, 5)
    check_fleet()
    cache.add(heartbeats.FLUSH_LOCK, "held", timeout=300)
    client.post("/display/api/heartbeat", "{}", content_type="application/json", **bearer(secret))
    heartbeats.flush()
    assert check_fleet()["online"] == 1
    assert OutboundEmail.objects.count() == 0
    display.refresh_from_db()
    assert display.offline_since is None


def test_without_a_school_contact_the_fallback_contact_hears(paired, school) -> None:
    from displays.health import fleet_settings

    display, _ = paired
    school.display_contact_email = ""
    school.save()
    fleet = fleet_settings()
    if fleet.pk is None:
        pytest.skip("no site to hold the fleet's settings")
    fleet.fallback_contact_email = "it@district.example.org"
    fleet.save()
    quiet_for(display, 60)
    check_fleet()
    assert [e.to for e in emails("display.offline")] == [["it@district.example.org"]]


def test_with_nobody_to_tell_no_email_and_no_second_try(paired, school) -> None:
    display, _ = paired
    school.display_contact_email = ""
    school.save()
    quiet_for(display, 60)
    assert check_fleet()["notified"] == 1
    assert check_fleet()["notified"] == 0
    assert OutboundEmail.objects.count() == 0


def test_unpaired_and_never_seen_screens_are_not_watched(make_display, school) -> None:
    make_display(name="Never seen", school=school, credential_hash="x" * 64)
    gone = make_display(name="Unpaired", school=school)
    quiet_for(gone, 600)
    assert check_fleet() == {"offline": 0, "notified": 0, "online": 0}


def test_a_slow_polling_screen_gets_more_time(paired) -> None:
    display, _ = paired
    Display.objects.filter(pk=display.pk).update(poll_seconds=300)
    quiet_for(display, 10)  # 2 of its 5-minute beats
    assert check_fleet()["offline"] == 0
    quiet_for(display, 16)
    assert check_fleet()["offline"] == 1


def test_back_and_quiet_again_between_ticks_counts_as_a_new_outage(paired) -> None:
    display, _ = paired
    quiet_for(display, 60)
    check_fleet()
    assert len(emails("display.offline")) == 1
    quiet_for(display, 5)  # it beat once, 5 minutes ago, and went quiet again
    counts = check_fleet()
    assert counts["online"] == 1 and counts["offline"] == 1
    assert len(emails("display.online")) == 1
    display.refresh_from_db()
    assert display.offline_since == display.last_seen_at and display.offline_notice_sent_at is None
