"""CAP input that once crashed the intake or was wrongly accepted: impossible dates are 400 naming the element, a
message sent too long ago (or ahead) is 422, and a copy of a message racing another never answers 500."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from displays import cap
from displays.models import Alert, AlertSource
from tests.displays.cap_messages import SENDER_CERTIFICATE, SENDER_KEY, cap_time, cap_xml, post_cap, signed

pytestmark = pytest.mark.django_db


def sign(xml: str) -> bytes:
    return signed(xml, SENDER_KEY, SENDER_CERTIFICATE)


@pytest.mark.parametrize(
    ("message", "element"),
    [
        ({"sent": "2026-13-45T10:00:00-08:00"}, "<sent>"),
        ({"expires": "2026-02-30T10:00:00-08:00"}, "<expires>"),
        ({"effective": "2026-12-07T25:61:00-08:00"}, "<effective>"),
        ({"expires": "next Tuesday"}, "<expires>"),
    ],
)
def test_an_impossible_date_is_refused_naming_its_element(
    client, cap_source: AlertSource, message: dict, element: str
) -> None:
    answer = post_cap(client, sign(cap_xml(**message)))
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"] == "malformed" and element in answer.json()["message"]
    assert not Alert.objects.exists()


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (datetime.timedelta(days=-365), "365 days ago"),
        (datetime.timedelta(hours=2, minutes=1), "2 hours in the future"),
    ],
)
def test_a_message_sent_outside_the_window_is_refused(
    client, cap_source: AlertSource, offset: datetime.timedelta, words: str
) -> None:
    answer = post_cap(client, sign(cap_xml(sent=cap_time(timezone.now() + offset))))
    assert answer.status_code == 422, answer.content
    assert answer.json()["error"] == "not_fresh"
    assert words in answer.json()["message"] and "15 minutes" in answer.json()["message"]
    assert not Alert.objects.exists()


def test_the_window_is_a_setting(client, cap_source: AlertSource, settings) -> None:
    ten_minutes_ago = cap_time(timezone.now() - datetime.timedelta(minutes=10))
    assert post_cap(client, sign(cap_xml("A-1", sent=ten_minutes_ago))).status_code == 201
    settings.CAP_SENT_WINDOW_SECONDS = 300
    answer = post_cap(client, sign(cap_xml("A-2", sent=ten_minutes_ago)))
    assert answer.status_code == 422 and "5 minutes" in answer.json()["message"]


def test_an_old_cancel_replayed_does_nothing(client, cap_source: AlertSource) -> None:
    sent = cap_time()
    alert = post_cap(client, sign(cap_xml("A-1", sent=sent))).json()["alert"]
    old = cap_time(timezone.now() - datetime.timedelta(days=30))
    reference = f"alerts@tacoma.k12.wa.us,A-1,{sent}"
    replayed = post_cap(client, sign(cap_xml("A-0", "Cancel", references=reference, sent=old)))
    assert replayed.status_code == 422 and replayed.json()["error"] == "not_fresh"
    assert Alert.objects.get(pk=alert).cleared_at is None


def test_a_copy_that_loses_the_race_to_insert_answers_unchanged(client, cap_source: AlertSource, monkeypatch) -> None:
    """Two copies at once both find no alert, then both insert: the second insert breaks the unique constraint,
    and that copy answers as a repeat (on any database: here SQLite, where threads cannot race)."""
    first = post_cap(client, sign(cap_xml("A-1")))
    assert first.status_code == 201
    real_repeat, looked = cap._repeat, []

    def looked_before_the_other_copy_committed(message: cap.CapMessage, source: AlertSource) -> Alert | None:
        looked.append(message.identifier)
        return None if len(looked) == 1 else real_repeat(message, source)

    monkeypatch.setattr(cap, "_repeat", looked_before_the_other_copy_committed)
    second = post_cap(client, sign(cap_xml("A-1")))
    assert second.status_code == 200, second.content
    assert second.json() == {"alert": first.json()["alert"], "status": "unchanged"}
    assert Alert.objects.count() == 1


def test_a_cancel_repeated_clears_once(client, cap_source: AlertSource) -> None:
    sent = cap_time()
    post_cap(client, sign(cap_xml("A-1", sent=sent)))
    cancel = sign(cap_xml("A-2", "Cancel", references=f"alerts@tacoma.k12.wa.us,A-1,{sent}"))
    assert post_cap(client, cancel).json()["status"] == "cleared"
    assert post_cap(client, cancel).json()["status"] == "unchanged"
