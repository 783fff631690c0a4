"""The pulse is answered in front of Django: the same answer as the view, without the middleware's cost."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from werkzeug.test import Client

from config.wsgi import application
from displays.pulse import bump_alerts, bump_fleet, pulse_numbers

pytestmark = pytest.mark.django_db


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


def test_other_requests_and_a_pulse_the_cache_cannot_answer_go_on_to_django() -> None:
    assert "X-Frame-Options" in Client(application).get("/display/").headers
    assert "X-Frame-Options" in Client(application).post("/display/api/pulse").headers
    with mock.patch("displays.pulse.cache.get_many", side_effect=ConnectionError("cache down")):
        answer = Client(application).get("/display/api/pulse")
    assert answer.status_code == 500 and "X-Frame-Options" in answer.headers  # Django's error page, logged
