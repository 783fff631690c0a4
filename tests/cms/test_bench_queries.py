"""The API benchmark times what screens meet: the query display.js really sends, and its first answer after a
publish with everything a worker keeps per content generation read again."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from django.test import Client

from bench.api_queries import DISPLAY_JS, display_js_path, display_js_query
from bench.api_sql import Statements, first_after_publish

pytestmark = pytest.mark.django_db


def test_the_display_query_is_the_one_display_js_builds() -> None:
    query = display_js_query(["en", "es"])

    assert query.startswith("query Display($at: DateTime, $school: String, $l0: String, $l1: String)")
    assert "l1: display(at: $at, school: $school, upcomingLimit: 1, locale: $l1) { ...Shown }" in query
    # Every field display.js reads off an answer is in the query timed.
    for field in ("qrCodeSvg", "citation", 'rendition(fill: "400x400")', "captions { language label url isDefault }"):
        assert field in query and field in DISPLAY_JS.read_text()


def test_the_display_query_is_answered_as_display_js_sends_it(seeded: None, client: Client) -> None:
    path = display_js_path(("en", "es"))
    variables = json.loads(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["variables"][0])

    answer = client.get(path, HTTP_ACCEPT="application/json").json()

    assert variables == {"at": "2023-02-15T12:00:00", "l0": "en", "l1": "es"}
    assert "errors" not in answer
    assert answer["data"]["l0"]["story"]["story"]["locale"] == "en"
    assert answer["data"]["l1"]["upcoming"][0]["locale"] == "es"


def test_the_first_answer_after_a_publish_reads_what_workers_keep_again(seeded: None, client: Client) -> None:
    from django.db import connection

    path = display_js_path()
    client.get(path)
    warm = Statements()
    with connection.execute_wrapper(warm):
        client.get(path)

    cold = first_after_publish(client, path)

    assert len(cold) > len(warm)
    assert any("cms_counter" in sql for sql, _ in cold)  # the generation, read afresh as a worker reads it
    again = Statements()
    with connection.execute_wrapper(again):
        client.get(path)
    assert len(again) == len(warm)
