"""Heartbeats: a screen hears its config, command and the pulse; the database hears of it in batches."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.models import Counter
from displays import heartbeats
from displays.credentials import issue_credential
from displays.models import Display, PlayTally
from displays.pulse import FLEET, bump_fleet
from displays.version import script_version
from tests.displays.conftest import bearer

URL = "/display/api/heartbeat"
DAY = "2026-11-28"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def beat(client: Client, secret: str, **body: object):
    return client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))


def plays(shows: int, seconds: int) -> dict:
    return {
        DAY: [
            {"kind": "story", "itemId": "12", "label": "Issiah", "language": "en", "shows": shows, "seconds": seconds}
        ]
    }


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def test_a_paired_screen_hears_its_config_command_version_and_pulse(client: Client, paired) -> None:
    display, secret = paired
    display.command, display.command_id = "identify", 4
    display.save()
    answer = beat(client, secret, commandDone=3, showing={"kind": "story", "itemId": "12", "language": "es"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["display"]["key"] == str(display.key)
    assert data["display"]["school"] == "mount-tahoma"
    assert data["display"]["languages"] == ["en", "es"]
    assert data["display"]["heartbeatSeconds"] == 60
    assert data["command"]["id"] == 4 and data["command"]["name"] == "identify" and data["command"]["issuedAt"]
    assert data["scriptVersion"] == script_version()
    assert set(data["pulse"]) == {"alerts", "fleet"}
    # Carried out: the next beat hears no command.
    assert beat(client, secret, commandDone=4).json()["command"] is None


def test_an_edited_screen_hears_its_new_settings_on_the_next_beat(client: Client, paired) -> None:
    display, secret = paired
    assert beat(client, secret).json()["display"]["rotateSeconds"] == 20
    display.rotate_seconds = 45
    display.save()
    assert beat(client, secret).json()["display"]["rotateSeconds"] == 45


@pytest.mark.parametrize("headers", [{}, bearer("not-a-credential"), {"HTTP_AUTHORIZATION": "Basic abc"}])
def test_an_unknown_or_missing_credential_is_told_it_is_unpaired(client: Client, paired, headers) -> None:
    answer = client.post(URL, "{}", content_type="application/json", **headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "unpaired"
    assert answer.json()["message"]


def test_a_revoked_screen_is_told_it_is_unpaired(client: Client, paired) -> None:
    from displays.credentials import revoke_credential

    display, secret = paired
    assert beat(client, secret).status_code == 200
    revoke_credential(display)
    assert beat(client, secret).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("not json", "body"),
        ("[1, 2]", "body"),
        (json.dumps({"offline": "no"}), "offline"),
        (json.dumps({"showing": {"kind": "movie"}}), "showing.kind"),
        (json.dumps({"commandDone": -1}), "commandDone"),
        (json.dumps({"screen": {"width": "wide"}}), "screen.width"),
        (json.dumps({"startedAt": "yesterday"}), "startedAt"),
        (json.dumps({"plays": {f"2026-11-{d:02d}": [] for d in range(1, 9)}}), "plays"),
        (json.dumps({"plays": {"someday": []}}), "plays.someday"),
        (json.dumps({"plays": {DAY: [{"kind": "story", "itemId": "1", "language": "en"}] * 201}}), f"plays.{DAY}"),
        (
            json.dumps({"plays": {DAY: [{"kind": "story", "itemId": "1", "language": "en", "shows": -3}]}}),
            f"plays.{DAY}[0].shows",
        ),
        (
            json.dumps({"plays": {DAY: [{"kind": "story", "itemId": "1", "language": "en", "seconds": 1.5}]}}),
            f"plays.{DAY}[0].seconds",
        ),
        (json.dumps({"plays": {DAY: [{"kind": "ad", "itemId": "1", "language": "en"}]}}), f"plays.{DAY}[0].kind"),
        (json.dumps({"pad": "x" * 70_000}), "body"),
    ],
)
def test_a_bad_body_is_refused_naming_the_field(client: Client, paired, body: str, field: str) -> None:
    _, secret = paired
    answer = client.post(URL, body, content_type="application/json", **bearer(secret))
    assert answer.status_code == 400
    assert answer.json()["field"] == field
    assert answer.json()["message"]


def test_wrong_method_answers_json(client: Client, paired) -> None:
    answer = client.get(URL, **bearer(paired[1]))
    assert answer.status_code == 405 and answer.json()["error"] == "method_not_allowed"


def test_the_pulse_is_the_databases_counters_read_once_a_second_and_never_stored(
    client: Client, db, django_assert_num_queries, settings
) -> None:
    with django_assert_num_queries(0):  # read by this process already
        first = client.get("/display/api/pulse")
    assert first["Cache-Control"] == "no-store"
    bump_fleet()
    with django_assert_num_queries(0):  # a change made here is known here at once
        assert client.get("/display/api/pulse").json()["fleet"] != first.json()["fleet"]
    settings.COUNTER_READ_SECONDS = 0  # as once the second is up: another process's change is read
    Counter.objects.filter(name=FLEET).update(value=F("value") + 1)
    with django_assert_num_queries(1):
        moved = client.get("/display/api/pulse").json()["fleet"]
    assert moved == Counter.objects.get(name=FLEET).value


def test_a_steady_heartbeat_reads_and_writes_no_database(client: Client, paired, django_assert_num_queries) -> None:
    _, secret = paired
    beat(client, secret)  # warms the credential and config caches (and flushes once)
    with django_assert_num_queries(0):
        assert beat(client, secret, plays=plays(2, 40)).status_code == 200


def test_a_fleet_bump_makes_the_screen_read_its_config_again(client: Client, paired) -> None:
    display, secret = paired
    beat(client, secret)
    Display.objects.filter(pk=display.pk).update(name="Renamed without a save signal")
    bump_fleet()
    assert beat(client, secret).json()["display"]["name"] == "Renamed without a save signal"


def test_a_thousand_beats_from_two_hundred_screens_write_nothing_until_one_flush(
    client: Client, school, settings
) -> None:
    # Room for the fleet: the in-process cache keeps only 300 keys by default (Redis has no such limit).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    }
    secrets = [issue_credential(Display.objects.create(name=f"Screen {n}", school=school)) for n in range(200)]
    cache.add(heartbeats.FLUSH_LOCK, "held", timeout=300)  # a flush has just run
    with CaptureQueriesContext(connection) as during:
        for round_ in range(5):
            for secret in secrets:
                assert beat(client, secret, plays=plays(round_ + 1, 20 * (round_ + 1))).status_code == 200
    assert writes(during) == []
    assert not Display.objects.exclude(last_seen_at=None).exists()

    with CaptureQueriesContext(connection) as flushing:
        assert heartbeats.flush() == 200
    assert len(flushing.captured_queries) <= 6
    assert Display.objects.filter(last_seen_at=None).count() == 0
    assert PlayTally.objects.count() == 200
    assert set(PlayTally.objects.values_list("shows", "seconds")) == {(5, 100)}
    # Nothing new: a second flush writes nothing.
    with CaptureQueriesContext(connection) as again:
        assert heartbeats.flush() == 0
    assert writes(again) == []


def test_the_heartbeat_that_finds_a_flush_due_writes_the_batch(client: Client, paired) -> None:
    display, secret = paired
    beat(client, secret, showing={"kind": "award", "itemId": "9", "language": "en"})
    display.refresh_from_db()
    assert display.last_seen_at is not None
    assert display.last_report["showing"]["kind"] == "award"
    assert display.last_report["receivedAt"]


def test_with_the_cache_down_a_beat_is_written_directly(client: Client, paired, caplog) -> None:
    display, secret = paired
    beat(client, secret)  # the credential and config are cached
    cache.add(heartbeats.FLUSH_LOCK, "held", timeout=300)
    Display.objects.filter(pk=display.pk).update(last_seen_at=None)
    with mock.patch.object(cache, "set", side_effect=ConnectionError("redis is down")):
        answer = beat(client, secret, plays=plays(3, 60), showing={"kind": "story", "itemId": "12"})
    assert answer.status_code == 200
    display.refresh_from_db()
    assert display.last_seen_at is not None
    assert display.last_report["showing"]["itemId"] == "12"
    assert PlayTally.objects.get().shows == 3
    assert "written straight to the database" in caplog.text


def test_play_totals_are_safe_to_send_again(client: Client, paired) -> None:
    display, secret = paired
    cache.add(heartbeats.FLUSH_LOCK, "held", timeout=300)
    for _ in range(3):
        beat(client, secret, plays=plays(4, 80))
        heartbeats.flush()
        Display.objects.filter(pk=display.pk).update(last_seen_at=None)
    tally = PlayTally.objects.get()
    assert (tally.shows, tally.seconds, tally.item_label) == (4, 80, "Issiah")
    beat(client, secret, plays=plays(6, 120))
    heartbeats.flush()
    assert PlayTally.objects.get().shows == 6
