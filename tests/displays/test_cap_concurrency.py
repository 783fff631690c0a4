"""Copies of one CAP message arriving at the same instant, on PostgreSQL: one alert, one issue in the audit log,
and every copy answers success (201 for the copy that issued it, 200 "unchanged" for the rest)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from wagtail.models import ModelLogEntry

from displays.models import Alert, AlertSource
from tests.displays.cap_messages import SENDER, SENDER_CERTIFICATE, SENDER_KEY, cap_time, cap_xml, post_cap, signed

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
COPIES = 10


def all_at_once(body: bytes) -> list[tuple[int, dict]]:
    """POST the body from COPIES threads released together, each on its own database connection."""
    start = threading.Barrier(COPIES)

    def one(_: int) -> tuple[int, dict]:
        try:
            start.wait()
            answer = post_cap(Client(), body)
            return answer.status_code, answer.json()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=COPIES) as pool:
        return list(pool.map(one, range(COPIES)))


def test_ten_copies_of_one_alert_issue_it_once(cap_source: AlertSource) -> None:
    answers = all_at_once(signed(cap_xml("TPS-1"), SENDER_KEY, SENDER_CERTIFICATE))
    assert sorted(status for status, _ in answers) == [200] * (COPIES - 1) + [201], answers
    alert = Alert.objects.get()
    assert {body["alert"] for _, body in answers} == {str(alert.pk)}
    assert sorted(body["status"] for _, body in answers) == ["issued"] + ["unchanged"] * (COPIES - 1)
    assert ModelLogEntry.objects.filter(action="displays.alert.issue", object_id=str(alert.pk)).count() == 1


def test_ten_copies_of_one_cancel_clear_it_once(cap_source: AlertSource) -> None:
    sent = cap_time()
    issued = post_cap(Client(), signed(cap_xml("TPS-1", sent=sent), SENDER_KEY, SENDER_CERTIFICATE))
    assert issued.status_code == 201
    cancel = signed(cap_xml("TPS-2", "Cancel", references=f"{SENDER},TPS-1,{sent}"), SENDER_KEY, SENDER_CERTIFICATE)
    answers = all_at_once(cancel)
    assert [status for status, _ in answers] == [200] * COPIES, answers
    assert sorted(body["status"] for _, body in answers) == ["cleared"] + ["unchanged"] * (COPIES - 1)
    alert = Alert.objects.get()
    assert alert.cleared_at is not None
    assert ModelLogEntry.objects.filter(action="displays.alert.all_clear", object_id=str(alert.pk)).count() == 1
