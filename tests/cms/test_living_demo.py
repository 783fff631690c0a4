"""The demo lives on any date: beside the district's 2022-23 pages, `seed_demo` builds a campaign for the school
year around the day it runs, so the site shows a story of the month, an award of the month and upcoming stories
that day and for months after."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from cms.dates import district_zone
from cms.demo_day import add_months
from stories.models import CampaignIndexPage, StoryPage

pytestmark = pytest.mark.django_db
ZONE = district_zone()

QUERY = """query ($at: DateTime) {
  monthlyStory(at: $at) { month isFromEarlierMonth story { title month status } }
  awardOfTheMonth(at: $at) { month recipient { name month } }
  upcomingStories(at: $at, limit: 12) { title month premiereAt status }
}"""

SECTIONS = """{ page(urlPath: "/") { ... on HomePage { sections { title url } } } }"""

DAYS = [
    datetime.date(2026, 8, 15),
    datetime.date(2026, 12, 7),
    datetime.date(2027, 6, 20),
    datetime.date(2027, 7, 31),
    datetime.date(2031, 1, 10),
]


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=ZONE)


def _assert_alive(gql, at: datetime.datetime, award_month: datetime.date) -> None:
    data = gql(QUERY, {"at": at.isoformat()})
    month = f"{at:%Y-%m}"
    story = data["monthlyStory"]
    assert story["month"] == month and not story["isFromEarlierMonth"], story
    assert story["story"]["month"] == month and story["story"]["status"] == "RELEASED"
    award = data["awardOfTheMonth"]["recipient"]
    assert award is not None and award["month"] == f"{award_month:%Y-%m}"
    upcoming = data["upcomingStories"]
    assert len(upcoming) >= 1, f"nothing upcoming at {at}"
    assert all(datetime.datetime.fromisoformat(s["premiereAt"]) > at for s in upcoming)
    assert {s["status"] for s in upcoming} == {"UPCOMING"}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_demo_seeded_on_any_day_is_alive_that_day_and_months_later(gql, day: datetime.date) -> None:
    with time_machine.travel(_noon(day), tick=False) as traveller:
        call_command("seed_demo", stdout=io.StringIO())  # for today, as `make run` does
        _assert_alive(gql, _noon(day), award_month=day)
        for months in (1, 3):
            later = _noon(add_months(day, months).replace(day=min(day.day, 28)))
            traveller.move_to(later)
            _assert_alive(gql, later, award_month=day)


def test_the_seed_follows_the_day_it_is_given_and_keeps_the_2022_23_campaign(gql) -> None:
    call_command("seed_demo", "--today", "2027-02-10", stdout=io.StringIO())
    campaigns = {page.slug: page.school_year for page in CampaignIndexPage.objects.filter(locale__language_code="en")}
    assert campaigns == {"better-together": "2022-23", "better-together-2026-27": "2026-27"}
    current = CampaignIndexPage.objects.get(slug="better-together-2026-27", locale__language_code="en")
    months = list(StoryPage.objects.child_of(current).order_by("month").values_list("month", flat=True))
    assert months == [add_months(datetime.date(2026, 8, 1), n) for n in range(12)]
    district = CampaignIndexPage.objects.get(slug="better-together", locale__language_code="en")
    assert StoryPage.objects.child_of(district).count() == 10
    sections = [section["title"] for section in gql(SECTIONS)["page"]["sections"]]
    assert sections[:2] == ["Better Together", "Better Together 2026-27"]
    with time_machine.travel(_noon(datetime.date(2027, 2, 10)), tick=False):
        _assert_alive(gql, _noon(datetime.date(2027, 2, 10)), award_month=datetime.date(2027, 2, 1))


def test_near_the_end_of_a_school_year_the_next_one_is_seeded_too() -> None:
    call_command("seed_demo", "--today", "2027-05-20", stdout=io.StringIO())
    years = set(CampaignIndexPage.objects.values_list("school_year", flat=True))
    assert {"2026-27", "2027-28"} <= years


def test_seeding_again_the_same_day_changes_nothing() -> None:
    call_command("seed_demo", "--today", "2027-02-10", stdout=io.StringIO())
    before = list(StoryPage.objects.order_by("pk").values_list("pk", "latest_revision_id"))
    call_command("seed_demo", "--today", "2027-02-10", stdout=io.StringIO())
    assert list(StoryPage.objects.order_by("pk").values_list("pk", "latest_revision_id")) == before


def test_the_2022_23_pages_alone_on_request() -> None:
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    assert set(CampaignIndexPage.objects.values_list("slug", flat=True)) == {"better-together"}
