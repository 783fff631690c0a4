"""The database decides what is in force: an alert issued, and a screen revoked, while every cache write is lost
(Redis frozen or failing over: with IGNORE_EXCEPTIONS a failed write raises nothing) reach the screens, the
`alerts` query and the revoked screen as soon as the cache answers again, still holding what it held before."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from displays.credentials import issue_credential, revoke_credential
from displays.models import Alert, AlertText
from tests.displays.conftest import bearer

WRITES = ("set", "set_many", "add", "incr", "decr", "delete", "delete_many", "touch", "get_or_set")
QUERY = '{ alerts(school: "mount-tahoma") { title } }'


@contextmanager
def cache_writes_lost(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every write to the shared cache is dropped with no error, as django-redis does with IGNORE_EXCEPTIONS;
    reads still see what the cache held before."""
    cache = caches["default"]
    with monkeypatch.context() as patched:
        for name in WRITES:
            patched.setattr(cache, name, lambda *args, **kwargs: None)
        yield


def screen_titles(client: Client, secret: str) -> list[str]:
    response = client.get("/display/api/alerts", **bearer(secret))
    assert response.status_code == 200
    return [alert["texts"][0]["title"] for alert in response.json()["alerts"]]


def query_titles(client: Client) -> list[str]:
    answer = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT="application/json").json()
    return [alert["title"] for alert in answer["data"]["alerts"]]


@override_settings(GRAPHQL_CACHE_SECONDS=300)
def test_an_alert_and_a_revocation_made_while_cache_writes_are_lost_reach_everyone(
    client: Client, paired, make_display, school, monkeypatch: pytest.MonkeyPatch
) -> None:
    _display, secret = paired
    doomed = make_display("Library", school=school)
    doomed_secret = issue_credential(doomed)
    pulse = client.get("/display/api/pulse").json()
    assert screen_titles(client, secret) == []  # the snapshot, the answer and the credentials are cached
    assert query_titles(client) == []
    assert client.post("/display/api/heartbeat", {}, "application/json", **bearer(doomed_secret)).status_code == 200

    with cache_writes_lost(monkeypatch):
        alert = Alert.objects.create(scope="district")
        AlertText.objects.create(alert=alert, language="en", title="Lockdown", message="Stay in your room.")
        revoke_credential(doomed)

    after = client.get("/display/api/pulse").json()
    assert after["alerts"] != pulse["alerts"]
    assert after["fleet"] != pulse["fleet"]
    assert screen_titles(client, secret) == ["Lockdown"]
    assert query_titles(client) == ["Lockdown"]
    assert client.post("/display/api/heartbeat", {}, "application/json", **bearer(doomed_secret)).status_code == 401
