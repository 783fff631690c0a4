"""Proof of play: the report and its CSV show how often each story and award was on screen, per school."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client

from displays import heartbeats
from displays.credentials import issue_credential
from displays.models import Display, PlayTally
from tests.displays.conftest import bearer

URL = "/admin/displays/proof-of-play/"


@pytest.fixture
def plays(client: Client, school, other_school) -> None:
    """Two screens at Mount Tahoma and one at Lincoln report their totals through the heartbeat."""
    cache.clear()
    cache.add(heartbeats.FLUSH_LOCK, "held", timeout=300)
    story = {"kind": "story", "itemId": "12", "label": "Issiah's robotics team", "language": "en"}
    award = {"kind": "award", "itemId": "40", "label": "Ms. Ortiz, teacher of the month", "language": "es"}
    screens = [
        (
            school,
            {
                "2026-11-27": [{**story, "shows": 10, "seconds": 200}],
                "2026-11-28": [{**story, "shows": 5, "seconds": 100}, {**award, "shows": 3, "seconds": 60}],
            },
        ),
        (school, {"2026-11-28": [{**story, "shows": 7, "seconds": 140}]}),
        (other_school, {"2026-11-28": [{**award, "shows": 2, "seconds": 40}]}),
        (school, {"2026-10-01": [{**story, "shows": 99, "seconds": 999}]}),
    ]
    for n, (where, totals) in enumerate(screens):
        secret = issue_credential(Display.objects.create(name=f"Screen {n}", school=where))
        body = json.dumps({"plays": totals})
        assert (
            client.post("/display/api/heartbeat", body, content_type="application/json", **bearer(secret)).status_code
            == 200
        )
    heartbeats.flush()
    assert PlayTally.objects.count() == 6


@pytest.fixture
def viewer(django_user_model):
    """A staff member who may see the screens, and nothing more."""
    user = django_user_model.objects.create_user("viewer", password="pw")
    group = Group.objects.create(name="Display viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_display")
    )
    user.groups.add(group)
    return user


def test_the_report_shows_story_and_award_counts_per_school(client: Client, plays, viewer) -> None:
    client.force_login(viewer)
    page = client.get(URL, {"day_from": "2026-11-01", "day_to": "2026-11-30"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Proof of play" in html
    assert "Issiah&#x27;s robotics team" in html or "Issiah's robotics team" in html
    assert "Mount Tahoma High School" in html and "Lincoln High School" in html
    assert "In all: 27 shows" in html  # 10 + 5 + 3 + 7 + 2, not October's 99


def test_the_csv_export_has_one_row_per_item_and_school(client: Client, plays, viewer) -> None:
    client.force_login(viewer)
    answer = client.get(URL, {"day_from": "2026-11-01", "day_to": "2026-11-30", "export": "csv"})
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    found = {
        (r["School"], r["Kind"], r["Item"]): (int(r["Shows"]), int(r["Seconds on screen"]), int(r["Screens"]))
        for r in rows
    }
    assert found == {
        ("Mount Tahoma High School", "Story of the month", "Issiah's robotics team"): (22, 440, 2),
        ("Mount Tahoma High School", "Award of the month", "Ms. Ortiz, teacher of the month"): (3, 60, 1),
        ("Lincoln High School", "Award of the month", "Ms. Ortiz, teacher of the month"): (2, 40, 1),
    }


def test_the_school_filter_keeps_one_school(client: Client, plays, viewer, other_school) -> None:
    client.force_login(viewer)
    answer = client.get(URL, {"school": other_school.pk, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert [(r["School"], r["Shows"]) for r in rows] == [("Lincoln High School", "2")]


def test_without_view_permission_on_screens_the_report_is_refused(client: Client, plays, django_user_model) -> None:
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="Editors only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    answer = client.get(URL)
    assert answer.status_code in (302, 403)
    assert b"Issiah" not in answer.content


def test_a_day_with_no_plays_says_so(client: Client, plays, viewer) -> None:
    client.force_login(viewer)
    html = client.get(URL, {"day_from": "2025-01-01", "day_to": "2025-01-02"}).content.decode()
    assert "No screen showed anything in these dates." in html
    assert datetime.date(2026, 11, 28).isoformat() not in html


def test_the_report_is_in_the_displays_menu(client: Client, viewer) -> None:
    client.force_login(viewer)
    html = client.get("/admin/").content.decode()
    assert "Proof of play" in html and URL in html
