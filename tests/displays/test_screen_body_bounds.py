"""The screens' API bounds what a body may carry: a day's play totals hold no more than a day, and JSON nested
thousands deep is refused in words, never a server error."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from displays import heartbeats
from displays.models import PlayTally
from tests.displays.conftest import bearer

HEARTBEAT, PAIR, PAIR_STATUS = "/display/api/heartbeat", "/display/api/pair", "/display/api/pair/status"
DAY = "2026-11-28"
MAX_INT = 2_147_483_647


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def entry(item: str, shows: int, seconds: int, language: str = "en") -> dict:
    return {"kind": "story", "itemId": item, "label": f"Story {item}", "language": language, "shows": shows,
            "seconds": seconds}  # fmt: skip


def beat_plays(client: Client, secret: str, entries: list[dict]):
    body = json.dumps({"plays": {DAY: entries}})
    return client.post(HEARTBEAT, body, content_type="application/json", **bearer(secret))


def test_a_days_totals_past_what_a_day_holds_are_held_to_it_and_logged(
    client: Client, paired, caplog: pytest.LogCaptureFixture
) -> None:
    _, secret = paired
    with caplog.at_level(logging.WARNING, logger="displays.api"):
        assert beat_plays(client, secret, [entry("12", MAX_INT, MAX_INT)]).status_code == 200
    heartbeats.flush()
    tally = PlayTally.objects.get()
    assert (tally.shows, tally.seconds) == (86_400, 86_400)
    assert "2147483647 seconds" in caplog.text and "more than a day holds" in caplog.text


def test_many_entries_together_hold_no_more_than_a_day(client: Client, paired) -> None:
    _, secret = paired
    entries = [entry(str(n), 86_400, 86_400, language) for n in range(50) for language in ("en", "es")]
    assert beat_plays(client, secret, entries).status_code == 200
    heartbeats.flush()
    assert sum(PlayTally.objects.values_list("seconds", flat=True)) <= 86_400
    assert sum(PlayTally.objects.values_list("shows", flat=True)) <= 86_400


def test_the_proof_of_play_export_shows_no_more_than_a_day(client: Client, paired, admin_user) -> None:
    _, secret = paired
    beat_plays(client, secret, [entry("12", MAX_INT, MAX_INT)])
    heartbeats.flush()
    client.force_login(admin_user)
    answer = client.get("/admin/displays/proof-of-play/", {"day_from": DAY, "day_to": DAY, "export": "csv"})
    (row,) = csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode()))
    assert int(row["Shows"]) <= 86_400 and int(row["Seconds on screen"]) <= 86_400


def test_totals_a_day_can_hold_are_stored_as_sent(client: Client, paired) -> None:
    _, secret = paired
    assert beat_plays(client, secret, [entry("12", 3_000, 60_000), entry("13", 2_000, 26_400)]).status_code == 200
    heartbeats.flush()
    assert sorted(PlayTally.objects.values_list("shows", "seconds")) == [(2_000, 26_400), (3_000, 60_000)]


@pytest.mark.parametrize("depth", [40, 5_000])
def test_a_heartbeat_nested_deep_is_refused_in_words(client: Client, paired, depth: int) -> None:
    _, secret = paired
    body = '{"screen":' + nested(depth) + "}"
    answer = client.post(HEARTBEAT, body, content_type="application/json", **bearer(secret))
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid" and answer.json()["field"] == "body"
    assert "levels deep" in answer.json()["message"]


@pytest.mark.parametrize("path", [PAIR, PAIR_STATUS])
@pytest.mark.parametrize("depth", [40, 3_000])
def test_a_pairing_body_nested_deep_is_refused_in_words(client: Client, db, path: str, depth: int) -> None:
    body = '{"screen": ' + "[" * depth + "]" * depth + "}"  # within the pairing body's 8 KB
    answer = client.post(path, body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["error"] == "too_deep" and "levels deep" in answer.json()["message"]


def test_a_graphql_post_nested_deep_is_refused_not_a_server_error(client: Client, db) -> None:
    body = '{"query": "{ __typename }", "variables": ' + nested(5_000) + "}"
    answer = client.post("/graphql/", body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"]
