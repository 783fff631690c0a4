"""The screens' own requests are answered early in the middleware chain, exactly as the views answer them, behind
the same request id, host check and security headers as every other answer."""

from __future__ import annotations

from unittest import mock

import pytest

from config.wsgi import application
from displays.lean import ScreensFirstMiddleware
from displays.models import Alert, AlertText
from displays.pulse import bump_alerts, bump_fleet, pulse_numbers
from tests.displays.conftest import bearer

pytestmark = pytest.mark.django_db
SCREENS_PATHS = ["/display/api/pulse", "/display/api/heartbeat", "/display/api/alerts"]


def test_there_is_one_entry_point_and_the_screens_middleware_follows_the_security_middleware(settings) -> None:
    assert type(application).__module__ == "django.core.handlers.wsgi"  # no wrapper around Django
    chain = settings.MIDDLEWARE
    lean = chain.index("displays.lean.ScreensFirstMiddleware")
    for earlier in ("cms.middleware.RequestIdMiddleware", "django.middleware.security.SecurityMiddleware"):
        assert chain.index(earlier) < lean
    assert chain.index("cms.security.PermissionsPolicyMiddleware") < lean


def test_the_pulse_skips_the_rest_of_the_chain_with_the_views_answer(client) -> None:
    bump_alerts()
    with mock.patch.object(ScreensFirstMiddleware, "__call__", lambda self, request: self.get_response(request)):
        whole_way = client.get("/display/api/pulse")
    answer = client.get("/display/api/pulse")
    assert answer.status_code == 200
    assert answer.json() == pulse_numbers() == whole_way.json()
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["X-Request-ID"]
    # The rest of Django's middleware (clickjacking protection among it) never ran.
    assert "X-Frame-Options" in whole_way.headers and "X-Frame-Options" not in answer.headers


def test_a_new_alert_or_command_changes_the_pulse(client) -> None:
    before = client.get("/display/api/pulse").json()
    bump_alerts()
    bump_fleet()
    after = client.get("/display/api/pulse").json()
    assert after["alerts"] != before["alerts"] and after["fleet"] != before["fleet"]


def test_a_screens_heartbeat_and_alerts_skip_the_middleware_and_answer_as_the_views_do(client, paired) -> None:
    display, secret = paired
    alert = Alert.objects.create(scope="district")
    AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your room.")
    answer = client.get("/display/api/alerts", **bearer(secret))
    assert answer.status_code == 200 and "X-Frame-Options" not in answer.headers
    assert len(answer.json()["alerts"]) == 1 and "Lockdown" in answer.content.decode()

    beat = {"scriptVersion": "x", "offline": False, "commandDone": 0}
    answer = client.post("/display/api/heartbeat", beat, content_type="application/json", **bearer(secret))
    assert answer.status_code == 200 and "X-Frame-Options" not in answer.headers
    assert answer.json()["display"]["name"] == display.name
    unpaired = client.post("/display/api/heartbeat", beat, content_type="application/json", **bearer("nope"))
    assert unpaired.status_code == 401 and unpaired.json()["error"] == "unpaired"


def test_other_requests_go_on_and_a_failure_is_a_json_error(client) -> None:
    assert "X-Frame-Options" in client.get("/display/").headers
    with mock.patch("displays.pulse.counters.values", side_effect=ConnectionError("database down")):
        answer = client.get("/display/api/pulse")
    assert answer.status_code == 500
    assert answer.json()["error"] == "server_error"


@pytest.mark.parametrize("path", SCREENS_PATHS)
def test_a_host_not_served_is_refused_on_the_screens_paths_too(client, path: str) -> None:
    assert client.get(path, HTTP_HOST="attacker.example").status_code == 400


@pytest.mark.parametrize("path", SCREENS_PATHS)
def test_the_screens_requests_carry_the_permissions_policy_too(client, path: str, settings) -> None:
    answer = client.get(path)
    assert answer.headers["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in answer.headers["Permissions-Policy"]
