"""Copies of one CAP message arriving at the same instant: one alert, one issue (or all-clear) in the audit log,
and every copy answers success (201 for the copy that issued it, 200 "unchanged" for the rest); on PostgreSQL,
and on a SQLite file (the embedded default), where none may fail with "database is locked"."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client
from wagtail.models import ModelLogEntry

from displays.models import Alert, AlertSource
from tests.displays.cap_messages import SENDER, SENDER_CERTIFICATE, SENDER_KEY, cap_time, cap_xml, post_cap, signed

pytestmark = pytest.mark.django_db(transaction=True)
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


@pytest.mark.postgresql
def test_ten_copies_of_one_alert_issue_it_once(cap_source: AlertSource) -> None:
    answers = all_at_once(signed(cap_xml("TPS-1"), SENDER_KEY, SENDER_CERTIFICATE))
    assert sorted(status for status, _ in answers) == [200] * (COPIES - 1) + [201], answers
    alert = Alert.objects.get()
    assert {body["alert"] for _, body in answers} == {str(alert.pk)}
    assert sorted(body["status"] for _, body in answers) == ["issued"] + ["unchanged"] * (COPIES - 1)
    assert ModelLogEntry.objects.filter(action="displays.alert.issue", object_id=str(alert.pk)).count() == 1


@pytest.mark.postgresql
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


def test_on_a_sqlite_file_copies_of_an_alert_an_update_and_a_cancel_all_succeed(
    cap_source: AlertSource, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test database is in memory, where SQLite locks differently: the threads work on a file copy of it."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's locking (PostgreSQL has the tests above)")
    copy = sqlite3.connect(tmp_path / "cms.sqlite3")
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    connections.close_all()
    monkeypatch.setitem(connections.settings["default"], "NAME", str(tmp_path / "cms.sqlite3"))
    sent = cap_time()
    reference = f"{SENDER},TPS-1,{sent}"
    messages = [cap_xml("TPS-1", sent=sent), cap_xml("TPS-2", "Update", references=reference)]
    messages.append(cap_xml("TPS-3", "Cancel", references=reference.replace("TPS-1", "TPS-2")))
    outcomes = []
    for xml in messages:
        answers = all_at_once(signed(xml, SENDER_KEY, SENDER_CERTIFICATE))
        assert all(status in (200, 201) for status, _ in answers), answers
        outcomes.append(sorted(body["status"] for _, body in answers))
    assert outcomes == [
        ["issued"] + ["unchanged"] * (COPIES - 1),
        ["unchanged"] * (COPIES - 1) + ["updated"],
        ["cleared"] + ["unchanged"] * (COPIES - 1),
    ]
    with sqlite3.connect(tmp_path / "cms.sqlite3") as database:
        assert database.execute("SELECT count(*), count(cleared_at) FROM displays_alert").fetchone() == (2, 2)
