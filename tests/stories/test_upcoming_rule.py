"""A story with no premiere date is coming until its month ends; after that it is no longer announced."""

from __future__ import annotations

import datetime

import pytest

from cms.dates import district_zone
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

ZONE = district_zone()
UPCOMING = "query($at: DateTime) { upcomingStories(at: $at, limit: 12) { title status } }"
DISPLAY = "query($at: DateTime) { display(at: $at) { upcoming { title } } }"
CAMPAIGN = """{ page(slug: "better-together") { ... on CampaignIndexPage {
  upcomingStories { title } stories { title status ... on StoryPage { body } } } } }"""


@pytest.fixture
def class_of_2023(campaign):
    """June 2023's story with no premiere date, and May's, premiering on May 1st."""
    StoryPageFactory(
        parent=campaign,
        title="Kendy",
        month=datetime.date(2023, 5, 1),
        premiere_at=datetime.datetime(2023, 5, 1, 8, tzinfo=ZONE),
    )
    return StoryPageFactory(
        parent=campaign, title="Class of 2023", month=datetime.date(2023, 6, 1), premiere_at=None, body="<p>Full.</p>"
    )


def titles(gql, query: str, at: datetime.datetime, key: str) -> list[str]:
    data = gql(query, {"at": at.isoformat()})
    items = data["display"]["upcoming"] if key == "display" else data[key]
    return [item["title"] for item in items]


@pytest.mark.parametrize(
    ("at", "coming"),
    [
        (datetime.datetime(2023, 4, 15, 12, tzinfo=ZONE), ["Kendy", "Class of 2023"]),
        (datetime.datetime(2023, 6, 15, 12, tzinfo=ZONE), ["Class of 2023"]),
        # The last minute of June in Tacoma (already July in UTC), then the first minute of July.
        (datetime.datetime(2023, 6, 30, 23, 59, tzinfo=ZONE), ["Class of 2023"]),
        (datetime.datetime(2023, 7, 1, 0, 0, tzinfo=ZONE), []),
        (datetime.datetime(2026, 3, 2, 9, tzinfo=ZONE), []),
    ],
)
def test_an_undated_story_is_coming_until_its_month_ends(gql, class_of_2023, at, coming) -> None:
    assert titles(gql, UPCOMING, at, "upcomingStories") == coming
    assert titles(gql, DISPLAY, at, "display") == coming[:3]


def test_once_its_month_is_over_the_campaign_no_longer_lists_it_as_coming(gql, class_of_2023, monkeypatch) -> None:
    fixed = datetime.datetime(2026, 3, 2, 9, tzinfo=ZONE)
    monkeypatch.setattr("django.utils.timezone.now", lambda: fixed.astimezone(datetime.UTC))
    campaign = gql(CAMPAIGN)["page"]
    assert campaign["upcomingStories"] == []
    # It never premiered: still listed among the stories, UPCOMING, its full text kept back.
    assert {"title": "Class of 2023", "status": "UPCOMING", "body": None} in campaign["stories"]
    assert [s["title"] for s in gql("{ stories(status: UPCOMING) { title } }")["stories"]] == ["Class of 2023"]


def test_in_its_month_the_campaign_lists_it_as_coming(gql, class_of_2023, monkeypatch) -> None:
    fixed = datetime.datetime(2023, 6, 10, 9, tzinfo=ZONE)
    monkeypatch.setattr("django.utils.timezone.now", lambda: fixed.astimezone(datetime.UTC))
    assert gql(CAMPAIGN)["page"]["upcomingStories"] == [{"title": "Class of 2023"}]


def test_the_demo_s_class_of_2023_is_not_coming_next_on_a_display_in_2026(gql, seeded) -> None:
    at = datetime.datetime(2026, 11, 28, 9, tzinfo=ZONE)
    assert "Class of 2023" not in titles(gql, DISPLAY, at, "display")
    june = datetime.datetime(2023, 6, 2, 9, tzinfo=ZONE)
    assert titles(gql, DISPLAY, june, "display") == ["Class of 2023"]
