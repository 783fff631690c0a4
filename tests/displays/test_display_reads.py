"""What a display answer reads: hidden branches once for the whole answer, a QR code drawn once for every server."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.dates import district_zone
from displays import graphql as display_graphql
from tests.displays.test_display_query import DISPLAY
from tests.factories import AwardRecipientFactory, SchoolFactory, StoryPageFactory

ZONE = district_zone()


@pytest.mark.django_db
def test_an_answer_reads_the_hidden_branches_once(campaign, gql) -> None:
    school = SchoolFactory(slug="hunt")
    AwardRecipientFactory(month=datetime.date(2023, 1, 1))
    for month in (1, 3, 4):
        StoryPageFactory(parent=campaign, month=datetime.date(2023, month, 1), school=school,
                         premiere_at=datetime.datetime(2023, month, 1, 8, tzinfo=ZONE))  # fmt: skip
    variables = {"at": "2023-02-15T12:00:00", "school": "hunt"}
    with CaptureQueriesContext(connection) as queries:
        display = gql(DISPLAY, variables)["display"]
    assert display["story"] and len(display["upcoming"]) == 2
    # The story of the month, the next premiere and what is coming all look for hidden branches; one read serves.
    reads = [q["sql"] for q in queries.captured_queries if PageViewRestriction._meta.db_table in q["sql"]]
    assert len(reads) == 1, reads


@pytest.mark.django_db
def test_hidden_branches_still_hide_what_the_display_shows(campaign, gql) -> None:
    StoryPageFactory(parent=campaign, title="March", month=datetime.date(2023, 3, 1),
                     premiere_at=datetime.datetime(2023, 3, 1, 8, tzinfo=ZONE))  # fmt: skip
    variables = {"at": "2023-02-15T12:00:00", "school": None}
    assert [story["title"] for story in gql(DISPLAY, variables)["display"]["upcoming"]] == ["March"]
    PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
    assert gql(DISPLAY, variables)["display"]["upcoming"] == []


def test_a_qr_code_is_drawn_once_for_every_app_server(monkeypatch) -> None:
    url = "https://www.example.org/better-together/leila/"
    drawn = display_graphql.qr_code_svg(url)
    # Another worker (its own memory empty) finds the code in the shared cache and draws nothing.
    display_graphql.qr_code_svg.cache_clear()

    def no_drawing(*args, **kwargs):
        raise AssertionError("the QR code was drawn again")

    monkeypatch.setattr(display_graphql.qrcode, "make", no_drawing)
    assert display_graphql.qr_code_svg(url) == drawn
    assert drawn.startswith("<svg") and "width=" not in drawn.split(">", 1)[0]
