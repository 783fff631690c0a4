"""The Atom feed of released stories and the premieres calendar families subscribe to."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as ET
import pytest
from django.test import Client, override_settings
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from tests.factories import StoryPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("base_url")]

BASE = "https://schools.example.org"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def base_url():
    with override_settings(WAGTAILADMIN_BASE_URL=BASE):
        yield


@pytest.fixture
def stories(campaign, translate):
    now = timezone.now()
    out = StoryPageFactory(
        parent=campaign,
        slug="out",
        student_names="Leila",
        summary="Leila dances.",
        premiere_at=now - datetime.timedelta(days=3),
    )
    translate(out, student_names="Leila", summary="Leila baila.")
    english_only = StoryPageFactory(
        parent=campaign, slug="english-only", student_names="Issiah", premiere_at=now - datetime.timedelta(days=1)
    )
    coming = StoryPageFactory(
        parent=campaign,
        slug="coming",
        student_names="José",
        summary="José paints.",
        body="<p>SECRET FULL STORY</p>",
        month=datetime.date(2031, 3, 1),
        premiere_at=datetime.datetime(2031, 3, 14, 18, 30, tzinfo=PACIFIC),
    )
    return {"out": out, "english_only": english_only, "coming": coming}


def entries(client: Client, language: str) -> list[ET.Element]:
    response = client.get(f"/feeds/{language}/stories.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall("atom:entry", ATOM)


def test_the_feed_has_released_stories_only_newest_first(stories, client: Client) -> None:
    found = entries(client, "en")
    links = [entry.find("atom:link", ATOM).get("href") for entry in found]
    assert links == [f"{BASE}/better-together/english-only/", f"{BASE}/better-together/out/"]
    assert found[1].findtext("atom:summary", namespaces=ATOM) == "Leila dances."
    body = client.get("/feeds/en/stories.atom").content.decode()
    assert "José" not in body and "SECRET FULL STORY" not in body and "coming" not in body


def test_each_language_has_its_feed_with_english_standing_in(stories, client: Client) -> None:
    found = entries(client, "es")
    links = [entry.find("atom:link", ATOM).get("href") for entry in found]
    assert links == [f"{BASE}/better-together/english-only/", f"{BASE}/es/better-together/out/"]
    assert found[1].findtext("atom:summary", namespaces=ATOM) == "Leila baila."
    assert client.get("/feeds/xx/stories.atom").status_code == 404


def test_a_story_enters_the_feed_at_its_premiere(stories, client: Client) -> None:
    import time_machine

    with time_machine.travel(datetime.datetime(2031, 3, 14, 18, 31, tzinfo=PACIFIC)):
        links = [entry.find("atom:link", ATOM).get("href") for entry in entries(client, "en")]
    assert links[0] == f"{BASE}/better-together/coming/"


def calendar_of(client: Client, path: str) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_campaign_page_links_a_premieres_calendar(stories, campaign, client: Client) -> None:
    page = client.get("/better-together/").content.decode()
    [link] = re.findall(r'<a[^>]*href="([^"]+\.ics)"[^>]*>Add premieres to your calendar</a>', page)
    calendar = calendar_of(client, link)
    events = {event.get("url"): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"{BASE}/better-together/{slug}/" for slug in ("out", "english-only", "coming")}
    coming = events[f"{BASE}/better-together/coming/"]
    start = coming.decoded("dtstart")
    assert start == datetime.datetime(2031, 3, 14, 18, 30, tzinfo=PACIFIC)
    assert coming["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert coming["dtstart"].to_ical() == b"20310314T183000"  # wall-clock time in Tacoma, daylight saving on
    assert coming.decoded("dtstamp").tzinfo is not None
    assert str(coming["summary"]) == "Video premiere: José: WE ARE CURIOUS TOGETHER"
    assert "SECRET FULL STORY" not in calendar.to_ical().decode()
    assert f"{BASE}/better-together/coming/" in str(coming["description"])
    # The district's time zone travels with the file, daylight saving included.
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    # UIDs are unique and stay the same from one download to the next.
    again = calendar_of(client, link)
    assert sorted(str(e["uid"]) for e in calendar.walk("VEVENT")) == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    assert len({str(e["uid"]) for e in calendar.walk("VEVENT")}) == 3


def test_the_calendar_in_spanish_names_translated_stories(stories, campaign, translate, client: Client) -> None:
    spanish_campaign = campaign.get_translation(Locale.objects.get(language_code="es"))
    calendar = calendar_of(client, f"/feeds/es/premieres/{spanish_campaign.pk}.ics")
    urls = {str(event["url"]) for event in calendar.walk("VEVENT")}
    assert f"{BASE}/es/better-together/out/" in urls and f"{BASE}/better-together/coming/" in urls
    assert client.get("/feeds/es/premieres/999999.ics").status_code == 404
