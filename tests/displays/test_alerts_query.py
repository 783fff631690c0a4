"""The public `alerts` query: district and school alerts in one language, never a screen's own; a cached
answer changes as soon as an alert is saved, and is not kept past the next alert's start."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from displays.models import Alert, AlertText

pytestmark = pytest.mark.django_db

QUERY = '{ alerts(school: "mount-tahoma", locale: "es") { title locale isFallback severity scope } }'


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def ask(client, query: str = QUERY):
    return client.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json")


def make_alert(title: str, scope: str = "district", **fields) -> Alert:
    alert = Alert.objects.create(scope=scope, **fields)
    AlertText.objects.create(alert=alert, language="en", title=title, message="Stay inside.")
    return alert


def test_district_and_school_alerts_not_other_schools_nor_screens(client, school, other_school, make_display):
    make_alert("District")
    make_alert("Ours", scope="schools", severity="severe").schools.add(school)
    make_alert("Theirs", scope="schools").schools.add(other_school)
    make_alert("A screen's", scope="displays").displays.add(make_display(school=school))
    AlertText.objects.create(
        alert=Alert.objects.get(texts__title="District"), language="es", title="Distrito", message="Quédese adentro."
    )
    answer = ask(client).json()["data"]["alerts"]
    assert answer == [
        {"title": "Distrito", "locale": "es", "isFallback": False, "severity": "EXTREME", "scope": "DISTRICT"},
        {"title": "Ours", "locale": "en", "isFallback": True, "severity": "SEVERE", "scope": "SCHOOLS"},
    ]


def test_unknown_school_is_an_error(client, db):
    body = ask(client, '{ alerts(school: "nowhere") { title } }').json()
    assert "nowhere" in body["errors"][0]["message"]


def test_a_saved_alert_changes_a_cached_answer_at_once(client, school):
    assert ask(client).json()["data"]["alerts"] == []
    assert ask(client).json()["data"]["alerts"] == []  # now from the cache
    make_alert("Lockdown")
    assert [a["title"] for a in ask(client).json()["data"]["alerts"]] == ["Lockdown"]


def test_a_future_alert_ends_the_cache_lifetime_before_it_starts(client, school):
    make_alert("Later", starts_at=timezone.now() + datetime.timedelta(seconds=90))
    response = ask(client)
    assert response.json()["data"]["alerts"] == []
    assert int(re.search(r"s-maxage=(\d+)", response["Cache-Control"])[1]) <= 90
