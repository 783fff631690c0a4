"""The admin's Stories listing lists every story with its month, its premiere and whether it is upcoming or released."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_the_story_listing_shows_month_premiere_and_upcoming_or_released(client: Client, campaign) -> None:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    now = timezone.now()
    StoryPageFactory(parent=campaign, title="Out already", month=datetime.date(2026, 1, 1),
                     premiere_at=now - datetime.timedelta(days=3))  # fmt: skip
    StoryPageFactory(parent=campaign, title="Still to come", month=datetime.date(2026, 4, 1),
                     premiere_at=now + datetime.timedelta(days=30))  # fmt: skip
    StoryPageFactory(parent=campaign, title="No date yet", month=datetime.date(2026, 5, 1), premiere_at=None)
    response = client.get(reverse("stories:index"))
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    headings = [th.get_text(" ", strip=True) for th in table.find_all("th")]
    assert {"Month", "Premiere", "Upcoming or released"} <= set(headings)
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        title = next(name for name in ("Out already", "Still to come", "No date yet") if any(name in c for c in cells))
        rows[title] = cells
    assert "January 2026" in rows["Out already"] and "Released" in rows["Out already"]
    assert "April 2026" in rows["Still to come"] and "Upcoming" in rows["Still to come"]
    assert "Not set" in rows["No date yet"] and "Upcoming" in rows["No date yet"]
    assert list(rows) == ["No date yet", "Still to come", "Out already"]  # newest month first
