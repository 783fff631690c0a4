"""The screens' alerts endpoint: each screen sees the district's alerts, its school's and its own, in its
languages with English standing in, most severe first; a saved alert moves the pulse."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from displays.credentials import revoke_credential
from displays.models import Alert, AlertText
from displays.pulse import pulse_numbers
from tests.displays.conftest import bearer

URL = "/display/api/alerts"


def make_alert(title: str, scope: str = "district", severity: str = "extreme", **fields) -> Alert:
    alert = Alert.objects.create(scope=scope, severity=severity, **fields)
    AlertText.objects.create(alert=alert, language="en", title=title, message=f"{title} message")
    return alert


def titles(response) -> list[str]:
    return [item["texts"][0]["title"] for item in response.json()["alerts"]]


def test_a_screen_sees_district_its_school_and_its_own(client, paired, school, other_school, make_display):
    display, secret = paired
    other_screen = make_display("Gym", school=school)
    make_alert("District", severity="advisory")
    make_alert("Ours", scope="schools").schools.add(school)
    make_alert("Theirs", scope="schools").schools.add(other_school)
    make_alert("Mine", scope="displays", severity="info").displays.add(display)
    make_alert("Gym only", scope="displays").displays.add(other_screen)

    response = client.get(URL, **bearer(secret))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert titles(response) == ["Ours", "District", "Mine"]


def test_english_stands_in_for_a_missing_language(client, paired):
    _, secret = paired
    make_alert("Lockdown")
    texts = client.get(URL, **bearer(secret)).json()["alerts"][0]["texts"]
    assert [(t["language"], t["isFallback"]) for t in texts] == [("en", False), ("es", True)]


def test_ended_cleared_and_future_alerts_are_not_shown_but_the_next_start_is_named(client, school):
    now = timezone.now()
    make_alert("Over", ends_at=now - datetime.timedelta(minutes=1))
    make_alert("Cleared", cleared_at=now - datetime.timedelta(minutes=1))
    later = make_alert("Later", starts_at=now + datetime.timedelta(hours=1))
    body = client.get(URL, {"school": school.slug, "locale": "en"}).json()
    assert body["alerts"] == []
    assert body["validUntil"] == later.starts_at.isoformat()


def test_unknown_school_and_bad_credential_are_refused(client, paired):
    display, secret = paired
    assert client.get(URL, {"school": "nowhere"}).json()["error"] == "unknown_school"
    assert client.get(URL, {"locale": "en,es,vi,ru,uk"}).status_code == 400
    assert client.get(URL, **bearer("not-a-credential")).status_code == 401
    revoke_credential(display)
    response = client.get(URL, **bearer(secret))
    assert response.status_code == 401
    assert response.json()["error"] == "unpaired"


def test_a_saved_alert_bumps_the_pulse(db):
    before = pulse_numbers()["alerts"]
    make_alert("Shelter in place")
    assert pulse_numbers()["alerts"] > before


def test_all_clear_ends_the_alert_on_screens_and_is_logged_with_the_user(client, paired, django_user_model):
    from wagtail.models import ModelLogEntry

    from displays.alerts import clear

    _, secret = paired
    alert = make_alert("Lockdown")
    officer = django_user_model.objects.create_user("officer", password="x")
    clear(alert, officer)
    assert client.get(URL, **bearer(secret)).json()["alerts"] == []
    entry = ModelLogEntry.objects.get(action="displays.alert.all_clear")
    assert entry.user_id == officer.pk and entry.object_id == str(alert.pk)


def test_a_fleet_asking_after_an_alert_reads_the_database_once(
    client, paired, make_display, school, django_assert_num_queries
):
    """Every screen asks at its next pulse: each reads the alerts number as the database has it now (one row),
    the first also reads the alerts, and the rest take them from the cache."""
    from displays.credentials import issue_credential

    _display, secret = paired
    others = [issue_credential(make_display(f"Screen {n}", school=school)) for n in range(5)]
    make_alert("Lockdown").schools.add(school)
    client.get(URL, **bearer(secret))  # the alerts and each screen's settings are read once
    for other in others:
        client.get(URL, **bearer(other))
    with django_assert_num_queries(6):  # the number, once per screen
        for credential in [secret, *others]:
            assert titles(client.get(URL, **bearer(credential))) == ["Lockdown"]
    make_alert("Shelter in place", severity="severe")
    with django_assert_num_queries(5):  # the number, then the new snapshot: alerts, texts, schools and screens
        assert titles(client.get(URL, **bearer(secret))) == ["Lockdown", "Shelter in place"]


@pytest.mark.postgresql  # SQLite's in-memory test database locks the table for the other connection
@pytest.mark.django_db(transaction=True)
def test_the_screens_hear_of_an_alert_once_it_is_committed_not_before(client, paired) -> None:
    """A screen asking between the save and the commit would read the alerts without it and keep that answer
    under the new pulse number: the pulse moves for the screens only at the commit."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections, transaction

    def as_a_screen() -> tuple[int, list[str]]:
        try:  # another thread: a connection of its own, as another request's
            return pulse_numbers()["alerts"], titles(client.get(URL, **bearer(secret)))
        finally:
            connections.close_all()

    _display, secret = paired
    before = pulse_numbers()["alerts"]
    with ThreadPoolExecutor(1) as screen:
        with transaction.atomic():
            make_alert("Lockdown")
            assert screen.submit(as_a_screen).result() == (before, [])
        after, shown = screen.submit(as_a_screen).result()
    assert after != before
    assert shown == ["Lockdown"]


def test_a_screen_that_heard_the_alerts_move_elsewhere_gets_them_from_a_server_that_has_not_yet(client, paired) -> None:
    """App server A made the change and says so in its pulse; server B read the numbers a moment before it. A
    screen that heard A's pulse and asks B for its alerts gets the new ones, not B's snapshot under the old
    number (it would hold the new number and never ask again)."""
    import time

    from cms import counters

    _display, secret = paired
    assert titles(client.get(URL, **bearer(secret))) == []  # the snapshot under the number before
    before = dict(counters.values())
    make_alert("Lockdown")
    counters._local.values = (time.monotonic(), before)  # as a process that read the numbers just before it
    assert pulse_numbers()["alerts"] == before.get("displays.alerts", 0)  # its pulse still says the old number
    assert titles(client.get(URL, **bearer(secret))) == ["Lockdown"]
    assert titles(client.get(URL, {"school": "mount-tahoma"})) == ["Lockdown"]
