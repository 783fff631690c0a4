"""What an operator reads: one JSON log line per answer and per worker duty, Prometheus metrics that parse, and
error reports to Sentry with nothing a person sent."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families
from pythonjsonlogger.json import JsonFormatter

from cms.models import OutboundEmail, WorkerBeat
from config.settings.operations import logging_config
from displays.models import Alert, Display
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_lines():
    """The request and duty lines as production writes them: one JSON object a line (LOG_FORMAT=json)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    options = dict(logging_config("json")["formatters"]["json"])
    assert options.pop("()") == "pythonjsonlogger.json.JsonFormatter"
    handler.setFormatter(JsonFormatter(**options))
    loggers = [logging.getLogger(name) for name in ("cms.requests", "cms.worker.duties")]
    levels = [one.level for one in loggers]
    for one in loggers:
        one.addHandler(handler)
        one.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for one, level in zip(loggers, levels, strict=True):
        one.removeHandler(handler)
        one.setLevel(level)


def scrape(client) -> dict[str, list]:
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    families = text_string_to_metric_families(response.content.decode())
    return {family.name: family.samples for family in families}


def test_every_answer_is_one_json_line_with_its_request_id_and_no_personal_data(client, json_lines) -> None:
    response = client.get("/graphql/", {"query": "query HomeStories { stories(limit: 1) { title } }"})
    assert response.status_code == 200
    missing = client.get("/partner-with-tps/letter-of-support/status/LS-2026-SECRETCODE-0001/?email=ana@example.org")
    lines = [line for line in json_lines() if line.get("event") == "request"]
    assert len(lines) == 2
    first, second = lines
    assert first["request_id"] == response["X-Request-ID"]
    assert first["route"] == "/graphql/" and first["operation"] == "HomeStories" and first["status"] == 200
    assert first["method"] == "GET" and first["duration_ms"] > 0 and first["sql"] >= 0
    assert first["level"] == "INFO" and first["logger"] == "cms.requests" and "time" in first
    assert second["request_id"] == missing["X-Request-ID"] and second["status"] == missing.status_code
    text = json.dumps(lines)
    assert "SECRETCODE" not in text and "ana@example.org" not in text


def test_a_refused_request_is_logged_with_the_id_it_carries(client, json_lines) -> None:
    response = client.get("/graphql/", {"query": "{"}, HTTP_X_REQUEST_ID="from-the-balancer-1")
    assert response["X-Request-ID"] == "from-the-balancer-1" and b"Syntax Error" in response.content
    line = [line for line in json_lines() if line.get("event") == "request"][-1]
    assert line["status"] == response.status_code and line["request_id"] == "from-the-balancer-1"


def test_each_worker_duty_is_one_json_line(json_lines) -> None:
    from cms.worker import Worker

    Worker(30).tick()
    duties = [line for line in json_lines() if line.get("event") == "worker.duty"]
    names = {line["duty"] for line in duties}
    assert {"scheduled publishing", "delta sync", "webhooks", "email"} <= names
    assert all(line["outcome"] == "ok" and line["duration_ms"] >= 0 for line in duties)


def test_the_metrics_parse_and_count_what_operators_alert_on(client, settings) -> None:
    settings.GRAPHQL_CACHE_SECONDS = 300
    school = SchoolFactory(name="Stadium High School")
    now = timezone.now()
    Display.objects.create(name="Hall", school=school, credential_hash="a" * 64, last_seen_at=now)
    Display.objects.create(
        name="Gym", school=school, credential_hash="b" * 64, last_seen_at=now - timedelta(hours=2), offline_since=now
    )
    Alert.objects.create(severity="extreme", scope="district")
    OutboundEmail.objects.create(to=["a@example.org"], subject="s", body="b", topic="t")
    WorkerBeat.objects.create(name="w", last_tick_at=now - timedelta(seconds=40), interval_seconds=30)
    for _ in range(3):
        client.get("/graphql/", {"query": "query Listing { stories(limit: 2) { title } }"})

    samples = scrape(client)
    requests_ = [s for s in samples["btcms_requests"] if s.labels["operation"] == "Listing"]
    assert sum(s.value for s in requests_) >= 3 and requests_[0].labels["route"] == "/graphql/"
    hits = {s.labels["outcome"]: s.value for s in samples["btcms_response_cache_lookups"]}
    assert hits.get("hit", 0) >= 2  # the second and third ask were kept answers
    assert any(s.name == "btcms_request_duration_seconds_bucket" for s in samples["btcms_request_duration_seconds"])
    assert any(s.name == "btcms_request_sql_statements_count" for s in samples["btcms_request_sql_statements"])
    assert samples["btcms_outbox_depth"][0].value == 1
    assert samples["btcms_outbox_oldest_age_seconds"][0].value >= 0
    assert 39 <= samples["btcms_worker_last_tick_age_seconds"][0].value < 100
    screens = {(s.labels["school"], s.labels["state"]): s.value for s in samples["btcms_screens"]}
    assert screens[("Stadium High School", "online")] == 1 and screens[("Stadium High School", "offline")] == 1
    assert samples["btcms_school_last_heartbeat_age_seconds"][0].value < 60
    alerts = {(s.labels["scope"], s.labels["severity"]): s.value for s in samples["btcms_alerts_in_force"]}
    assert alerts == {("district", "extreme"): 1}


def test_metrics_are_for_the_operator_only(client, settings) -> None:
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    proxied = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 404
    settings.METRICS_TOKEN = "scrape-token-1"
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-1").status_code == 200


class Receiver(BaseHTTPRequestHandler):
    bodies: list[bytes] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        Receiver.bodies.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


REPORT = """
import os, sys, types
import sentry_sdk
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path

assert settings.SENTRY_ENABLED


def fails(request):
    raise RuntimeError("the test's own failure")


urls = types.ModuleType("failing_urls")
urls.urlpatterns = [path("fails/", fails)]
sys.modules["failing_urls"] = urls
with override_settings(ROOT_URLCONF="failing_urls"):
    answer = Client(raise_request_exception=False).post(
        "/fails/?email=" + os.environ["SENT_EMAIL"],
        {"email": os.environ["SENT_EMAIL"], "message": os.environ["SENT_MESSAGE"]},
        HTTP_COOKIE="sessionid=" + os.environ["SENT_SESSION"],
        HTTP_AUTHORIZATION="Bearer " + os.environ["SENT_TOKEN"],
    )
    assert answer.status_code == 500
sentry_sdk.flush(5)
"""


def test_errors_go_to_sentry_when_a_dsn_is_set_with_nothing_a_person_sent() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Receiver.bodies = []
    try:
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_", "PYTEST_"))}
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
            # What a person sent, handed over so that no source line the report may quote contains it.
            "SENT_EMAIL": "ana@example.org",
            "SENT_MESSAGE": "PRIVATE-MESSAGE",
            "SENT_SESSION": "SESSION-SECRET",
            "SENT_TOKEN": "TOKEN-SECRET",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", REPORT], cwd=ROOT, env=env, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr.decode()[-2000:]
    finally:
        server.shutdown()
    sent = b"\n".join(Receiver.bodies).decode(errors="replace")
    assert "the test's own failure" in sent
    assert "RuntimeError" in sent and "/fails/" in sent
    for private in ("ana@example.org", "PRIVATE-MESSAGE", "SESSION-SECRET", "TOKEN-SECRET"):
        assert private not in sent, sent[max(sent.index(private) - 300, 0) : sent.index(private) + 50]


def test_the_alert_rules_and_dashboard_name_only_metrics_that_exist(client) -> None:
    """docs/operations.md's rules and docs/grafana-dashboard.json ask for metrics /metrics really gives."""
    from django.conf import settings

    docs = Path(settings.BASE_DIR) / "docs"
    named = set(re.findall(r"\bbtcms_[a-z_]+", (docs / "operations.md").read_text()))
    named |= set(re.findall(r"\bbtcms_[a-z_]+", (docs / "grafana-dashboard.json").read_text()))
    client.get("/graphql/", {"query": "{ stories(limit: 1) { title } }"})
    exposed = set()
    for name, samples in scrape(client).items():
        exposed |= {name} | {sample.name for sample in samples}
    assert named - exposed == set()
