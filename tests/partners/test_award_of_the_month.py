"""The Shining Star award of the month at an instant."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.dates import district_zone
from partners.models import AwardRecipient
from tests.factories import AwardRecipientFactory

ZONE = district_zone()
QUERY = """query($at: DateTime) { awardOfTheMonth(at: $at) {
  recipient { name } month validUntil isFromEarlierMonth } }"""


def ask(gql, at: str) -> dict:
    return gql(QUERY, {"at": at})["awardOfTheMonth"]


@pytest.fixture
def recipients(db) -> None:
    AwardRecipientFactory(name="January", month=datetime.date(2023, 1, 1))
    AwardRecipientFactory(name="March", month=datetime.date(2023, 3, 1))
    AwardRecipientFactory(name="Draft April", month=datetime.date(2023, 4, 1), live=False)


@pytest.mark.django_db
def test_the_recipient_of_the_month(recipients, gql) -> None:
    answer = ask(gql, "2023-03-01T00:00:00")
    assert (answer["recipient"]["name"], answer["isFromEarlierMonth"], answer["month"]) == ("March", False, "2023-03")
    assert datetime.datetime.fromisoformat(answer["validUntil"]) == datetime.datetime(2023, 4, 1, tzinfo=ZONE)


@pytest.mark.django_db
def test_a_month_without_a_recipient_shows_the_latest_before_it(recipients, gql) -> None:
    assert ask(gql, "2023-02-28T23:59:00")["recipient"]["name"] == "January"
    assert ask(gql, "2023-02-28T23:59:00")["isFromEarlierMonth"] is True


@pytest.mark.django_db
def test_a_draft_recipient_never_shows(recipients, gql) -> None:
    assert ask(gql, "2023-04-10T12:00:00")["recipient"]["name"] == "March"


@pytest.mark.django_db
def test_before_the_first_recipient(recipients, gql) -> None:
    assert ask(gql, "2022-12-31T23:59:00")["recipient"] is None


@pytest.mark.django_db
def test_the_award_is_decided_once_for_the_stretch_it_holds_and_again_after_an_edit(recipients, gql) -> None:
    def asked(at: str) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            name = ask(gql, at)["recipient"]["name"]
        return name, sum('"partners_awardrecipient"."month" <=' in query["sql"] for query in queries.captured_queries)

    assert asked("2023-03-05T12:00:00") == ("March", 1)
    assert asked("2023-03-20T12:00:00") == ("March", 0)  # the same month: read by id, not decided again
    assert asked("2023-02-10T12:00:00") == ("January", 1)  # another stretch is decided for itself
    march = AwardRecipient.objects.get(name="March")
    march.live = False
    march.save()  # an edit
    assert asked("2023-03-20T12:00:00") == ("January", 1)
