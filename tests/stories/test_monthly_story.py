"""The story of the month at an instant, in the district's time zone (settings.TIME_ZONE), and until when it holds."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.dates import district_zone
from tests.factories import SchoolFactory, StoryPageFactory

ZONE = district_zone()
UTC = datetime.UTC

QUERY = """query($at: DateTime, $school: String) { monthlyStory(at: $at, school: $school) {
  story { title body } month validUntil isFromEarlierMonth } }"""


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=ZONE)


def ask(gql, at: datetime.datetime | str, school: str | None = None) -> dict:
    value = at if isinstance(at, str) else at.isoformat()
    return gql(QUERY, {"at": value, "school": school})["monthlyStory"]


def instant(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


@pytest.fixture
def season(campaign):
    """January, March and April stories, each premiering on the 1st at 8 a.m. Pacific; none in February."""
    for title, month in (("January", 1), ("March", 3), ("April", 4)):
        StoryPageFactory(
            parent=campaign,
            title=title,
            slug=title.lower(),
            month=datetime.date(2023, month, 1),
            premiere_at=local(2023, month, 1, 8, 0),
        )
    return campaign


@pytest.mark.django_db
def test_the_released_story_of_the_month(season, gql) -> None:
    answer = ask(gql, local(2023, 3, 15, 12, 0))
    assert answer["story"]["title"] == "March"
    assert (answer["month"], answer["isFromEarlierMonth"]) == ("2023-03", False)
    # Next premiere (April 1, 8 a.m.) is later than the month's end (April 1, midnight, daylight time).
    assert instant(answer["validUntil"]) == datetime.datetime(2023, 4, 1, 7, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_month_with_no_story_shows_the_most_recent(season, gql) -> None:
    answer = ask(gql, local(2023, 2, 10, 9, 0))
    assert answer["story"]["title"] == "January"
    assert (answer["month"], answer["isFromEarlierMonth"]) == ("2023-02", True)
    assert instant(answer["validUntil"]) == datetime.datetime(2023, 3, 1, 8, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_before_the_premiere_the_previous_story_stands_until_the_premiere(season, gql) -> None:
    before = ask(gql, local(2023, 3, 1, 7, 59))
    assert (before["story"]["title"], before["isFromEarlierMonth"]) == ("January", True)
    assert instant(before["validUntil"]) == local(2023, 3, 1, 8, 0)
    at_premiere = ask(gql, local(2023, 3, 1, 8, 0))
    assert (at_premiere["story"]["title"], at_premiere["isFromEarlierMonth"]) == ("March", False)


@pytest.mark.django_db
def test_months_turn_over_at_local_midnight_not_utc(season, gql) -> None:
    # 11:30 p.m. on March 31 in Tacoma is already April 1 in UTC.
    late = ask(gql, "2023-04-01T06:30:00+00:00")
    assert (late["month"], late["story"]["title"]) == ("2023-03", "March")
    assert instant(late["validUntil"]) == local(2023, 4, 1, 0, 0)
    after_midnight = ask(gql, "2023-04-01T07:00:00+00:00")
    assert (after_midnight["month"], after_midnight["story"]["title"]) == ("2023-04", "March")
    assert after_midnight["isFromEarlierMonth"] is True


@pytest.mark.django_db
def test_an_instant_without_offset_is_district_time(season, gql) -> None:
    assert ask(gql, "2023-03-31T23:30:00")["month"] == "2023-03"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("at", "month_end_utc"),
    [
        # Daylight saving starts March 12, 2023: the month begins at -08:00 and ends at -07:00.
        (local(2023, 3, 12, 3, 30), datetime.datetime(2023, 4, 1, 7, 0, tzinfo=UTC)),
        # Daylight saving ends November 5, 2023: November ends at -08:00.
        (local(2023, 11, 5, 1, 30), datetime.datetime(2023, 12, 1, 8, 0, tzinfo=UTC)),
    ],
)
def test_month_end_across_daylight_saving_changes(db, gql, at: datetime.datetime, month_end_utc) -> None:
    assert instant(ask(gql, at)["validUntil"]) == month_end_utc


@pytest.mark.django_db
def test_a_premiere_on_the_day_clocks_change(campaign, gql) -> None:
    StoryPageFactory(
        parent=campaign, title="Spring", month=datetime.date(2023, 3, 1), premiere_at=local(2023, 3, 12, 3, 0)
    )
    assert ask(gql, "2023-03-12T09:59:00+00:00")["story"] is None  # 01:59 PST
    assert ask(gql, "2023-03-12T10:00:00+00:00")["story"]["title"] == "Spring"  # 03:00 PDT


@pytest.mark.django_db
def test_a_story_unpublished_mid_month_gives_way(season, gql) -> None:
    at = local(2023, 3, 15, 12, 0)
    assert ask(gql, at)["story"]["title"] == "March"
    season.get_children().get(slug="march").specific.unpublish()
    answer = ask(gql, at)
    assert (answer["story"]["title"], answer["isFromEarlierMonth"]) == ("January", True)


@pytest.mark.django_db
def test_a_story_that_expires_bounds_the_answer(campaign, gql) -> None:
    now = timezone.now()
    expiry = now + datetime.timedelta(minutes=5)
    StoryPageFactory(
        parent=campaign,
        title="Now",
        month=now.astimezone(ZONE).date().replace(day=1),
        premiere_at=now - datetime.timedelta(minutes=1),
        expire_at=expiry,
    )
    answer = ask(gql, now)
    assert answer["story"]["title"] == "Now"
    assert instant(answer["validUntil"]) == min(expiry, local_month_end(now))


def local_month_end(at: datetime.datetime) -> datetime.datetime:
    local = at.astimezone(ZONE)
    return datetime.datetime(local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=ZONE)


@pytest.mark.django_db
def test_no_story_yet(db, campaign, gql) -> None:
    StoryPageFactory(
        parent=campaign, title="First", month=datetime.date(2023, 9, 1), premiere_at=local(2023, 9, 5, 8, 0)
    )
    answer = ask(gql, local(2023, 8, 20, 8, 0))
    assert (answer["story"], answer["isFromEarlierMonth"]) == (None, False)
    assert instant(answer["validUntil"]) == local(2023, 9, 1, 0, 0)


@pytest.mark.django_db
def test_a_school_sees_its_own_story_of_the_month_first(season, gql) -> None:
    lyon = SchoolFactory(slug="lyon")
    StoryPageFactory(
        parent=season,
        title="Lyon March",
        month=datetime.date(2023, 3, 1),
        premiere_at=local(2023, 3, 1, 7, 0),
        school=lyon,
    )
    at = local(2023, 3, 15, 12, 0)
    assert ask(gql, at)["story"]["title"] == "March"  # the later premiere, for the district
    assert ask(gql, at, "lyon")["story"]["title"] == "Lyon March"


@pytest.mark.django_db
def test_an_unknown_school_is_named(season, graphql) -> None:
    body = graphql(QUERY, {"school": "nowhere"})
    assert body["errors"][0]["message"] == "No school has the slug 'nowhere'."


@pytest.mark.django_db
def test_asking_about_the_future_does_not_unlock_an_unreleased_story(campaign, gql) -> None:
    soon = timezone.now() + datetime.timedelta(days=1)
    StoryPageFactory(parent=campaign, title="Soon", month=soon.date().replace(day=1), premiere_at=soon)
    answer = ask(gql, soon + datetime.timedelta(hours=1))
    assert answer["story"] == {"title": "Soon", "body": None}


@pytest.mark.django_db
def test_upcoming_stories_soonest_first_then_undated(season, gql) -> None:
    StoryPageFactory(parent=season, title="June", month=datetime.date(2023, 6, 1), premiere_at=None)
    data = gql('{ upcomingStories(at: "2023-02-15T12:00:00", limit: 5) { title } }')["upcomingStories"]
    assert [s["title"] for s in data] == ["March", "April", "June"]
    data = gql('{ upcomingStories(at: "2023-03-15T12:00:00", limit: 1) { title } }')["upcomingStories"]
    assert [s["title"] for s in data] == ["April"]
