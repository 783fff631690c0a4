"""Pairing a screen through the screens' API: a code shown, claimed by an editor, the credential picked up
once; wrong, expired and reused codes refused in words; a revoked or replaced screen locked out."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from displays.credentials import revoke_credential
from displays.models import Display, PairingCode
from displays.pairing import PairingError, claim
from tests.displays.conftest import bearer

pytestmark = pytest.mark.django_db

PAIR, STATUS, HEARTBEAT = "/display/api/pair", "/display/api/pair/status", "/display/api/heartbeat"


@pytest.fixture
def editor(db: None) -> User:
    return User.objects.create_superuser("pairer", "pairer@example.org", "x")


def ask_code(client) -> dict:
    response = client.post(PAIR, {"screen": {"width": 1920, "height": 1080}}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def check(client, secret: str):
    return client.post(STATUS, {"secret": secret}, content_type="application/json")


def test_a_new_screen_is_paired_and_picks_up_its_credential_once(client, editor, school) -> None:
    asked = ask_code(client)
    assert len(asked["code"]) == 7 and asked["code"][3] == "-" and asked["checkSeconds"] > 0
    assert check(client, asked["secret"]).json()["status"] == "waiting"

    # The editor types it as people do: lower case, with a space instead of the dash.
    display = claim(asked["code"].lower().replace("-", " "), editor, name="Gym lobby", school=school, languages=["es"])

    paired = check(client, asked["secret"])
    assert paired.status_code == 200
    answer = paired.json()
    assert answer["status"] == "paired"
    assert answer["display"]["name"] == "Gym lobby" and answer["display"]["school"] == "mount-tahoma"
    assert answer["display"]["languages"] == ["es"]
    beat = client.post(HEARTBEAT, {"offline": False}, content_type="application/json", **bearer(answer["credential"]))
    assert beat.status_code == 200 and beat.json()["display"]["key"] == str(display.key)
    # Handed over once: the credential is no longer stored anywhere but on the screen.
    assert check(client, asked["secret"]).status_code == 410
    assert PairingCode.objects.get(display=display).pending_credential == ""
    assert display.credential_hash not in (answer["credential"], "")


def test_wrong_expired_and_reused_codes_are_refused_in_words(client, editor) -> None:
    with pytest.raises(PairingError, match="No screen is showing the code ABC-DEF"):
        claim("abc-def", editor, name="Nowhere")
    asked = ask_code(client)
    PairingCode.objects.filter(code=asked["code"].replace("-", "")).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(PairingError, match="has expired; the screen now shows a new one"):
        claim(asked["code"], editor, name="Late")
    assert check(client, asked["secret"]).status_code == 410

    fresh = ask_code(client)
    claim(fresh["code"], editor, name="Library")
    with pytest.raises(PairingError, match="was already used to pair 'Library'"):
        claim(fresh["code"], editor, name="Library again")
    assert not Display.objects.filter(name__in=["Nowhere", "Late", "Library again"]).exists()


def test_re_pairing_a_display_locks_out_the_screen_it_replaces_and_revoking_locks_out_any(client, editor) -> None:
    first = ask_code(client)
    display = claim(first["code"], editor, name="Main hallway")
    old_credential = check(client, first["secret"]).json()["credential"]
    second = ask_code(client)
    claim(second["code"], editor, display=display)
    new_credential = check(client, second["secret"]).json()["credential"]

    refused = client.post(HEARTBEAT, {}, content_type="application/json", **bearer(old_credential))
    assert refused.status_code == 401 and refused.json()["error"] == "unpaired"
    assert client.post(HEARTBEAT, {}, content_type="application/json", **bearer(new_credential)).status_code == 200

    revoke_credential(display)
    assert client.post(HEARTBEAT, {}, content_type="application/json", **bearer(new_credential)).status_code == 401


def test_bad_requests_are_refused_with_a_reason(client) -> None:
    assert check(client, "no-such-secret").status_code == 404
    missing = client.post(STATUS, {}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["error"] == "missing_secret"
    garbled = client.post(PAIR, "{not json", content_type="application/json")
    assert garbled.status_code == 400 and "not JSON" in garbled.json()["message"]
    assert client.get(PAIR).status_code == 405


def test_one_address_asking_for_too_many_codes_is_told_to_wait(client, settings) -> None:
    settings.DISPLAY_PAIR_RATE = "2/h"
    ask_code(client)
    ask_code(client)
    refused = client.post(PAIR, content_type="application/json")
    assert refused.status_code == 429
    assert refused.json()["error"] == "rate_limited" and int(refused["Retry-After"]) > 0
