"""The screens' own requests are answered in front of Django's middleware, exactly as the views answer them."""

from __future__ import annotations

import json
from unittest import mock

import pytest
import werkzeug.test
from django.core import signals
from django.db import close_old_connections

from config.wsgi import application
from displays.models import Alert, AlertText
from displays.pulse import bump_alerts, bump_fleet, pulse_numbers
from tests.displays.conftest import bearer

pytestmark = pytest.mark.django_db


class Client(werkzeug.test.Client):
    """werkzeug's client on the WSGI application, keeping the test's database connection open as Django's
    own test client does: a request's end would otherwise close the connection holding the test's
    transaction (PostgreSQL loses it; SQLite's in-memory database never closes)."""

    def open(self, *args, **kwargs) -> werkzeug.test.TestResponse:
        kwargs["buffered"] = True
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            return super().open(*args, **kwargs)
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


def test_the_pulse_is_answered_before_the_middleware_with_the_views_answer(client) -> None:
    bump_alerts()
    answer = Client(application).get("/display/api/pulse")
    assert answer.status_code == 200
    assert json.loads(answer.data) == pulse_numbers() == client.get("/display/api/pulse").json()
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    # Django's middleware (clickjacking protection among it) never ran.
    assert "X-Frame-Options" not in answer.headers


def test_a_new_alert_or_command_changes_the_pulse() -> None:
    before = json.loads(Client(application).get("/display/api/pulse").data)
    bump_alerts()
    bump_fleet()
    after = json.loads(Client(application).get("/display/api/pulse").data)
    assert after["alerts"] != before["alerts"] and after["fleet"] != before["fleet"]


def test_a_screens_heartbeat_and_alerts_skip_the_middleware_and_answer_as_the_views_do(client, paired) -> None:
    display, secret = paired
    alert = Alert.objects.create(scope="district")
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your room.")
    headers = {"Authorization": f"Bearer {secret}"}
    lean = Client(application).get("/display/api/alerts", headers=headers)
    assert lean.status_code == 200 and "X-Frame-Options" not in lean.headers
    assert json.loads(lean.data) == client.get("/display/api/alerts", **bearer(secret)).json()

    beat = {"scriptVersion": "x", "offline": False, "commandDone": 0}
    answer = Client(application).post("/display/api/heartbeat", json=beat, headers=headers)
    assert answer.status_code == 200 and "X-Frame-Options" not in answer.headers
    assert json.loads(answer.data)["display"]["name"] == display.name
    unpaired = Client(application).post("/display/api/heartbeat", json=beat, headers={"Authorization": "Bearer nope"})
    assert unpaired.status_code == 401 and json.loads(unpaired.data)["error"] == "unpaired"


def test_other_requests_go_on_to_django_and_a_failure_is_a_json_error() -> None:
    assert "X-Frame-Options" in Client(application).get("/display/").headers
    with mock.patch("displays.pulse.counters.values", side_effect=ConnectionError("database down")):
        answer = Client(application).get("/display/api/pulse")
    assert answer.status_code == 500
    assert json.loads(answer.data)["error"] == "server_error"


@pytest.mark.parametrize("path", ["/display/api/pulse", "/display/api/heartbeat", "/display/api/alerts"])
def test_the_screens_requests_carry_the_permissions_policy_too(path: str, settings) -> None:
    answer = Client(application).get(path)
    assert answer.headers["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in answer.headers["Permissions-Policy"]
