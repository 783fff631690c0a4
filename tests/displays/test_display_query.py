"""The display query: everything a school screen shows, in one round trip, at a fixed SQL cost."""

from __future__ import annotations

import datetime
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.dates import district_zone
from cms.models import DistrictSettings
from tests.factories import AwardRecipientFactory, ImageFactory, SchoolFactory, StoryPageFactory

ZONE = district_zone()

DISPLAY = """query($at: DateTime, $school: String) { display(at: $at, school: $school) {
  at validUntil school { slug }
  story { isFromEarlierMonth publicUrl qrCodeSvg
    poster1080p { url width height alt } poster4k { url width height }
    story { title themeHeadline studentNames summary monthLabel programs school { shortName }
      posterImage { alt } video { kind url captionsUrl } } }
  award { recipient { name monthLabel photo { alt } } isFromEarlierMonth validUntil }
  upcoming { title themeHeadline monthLabel premiereAt body programs school { shortName }
    posterImage { alt rendition(fill: "1920x1080") { url } } }
} }"""


def _story(parent, n: int, month: int, premiere: datetime.datetime | None, school=None):
    story = StoryPageFactory(
        parent=parent,
        title=f"Story {n}",
        month=datetime.date(2023, month, 1),
        premiere_at=premiere,
        school=school,
        poster_image=ImageFactory(title=f"Poster {n}", file__width=1920, file__height=1080),
    )
    story.programs.add("Beyond the Bell")
    story.save_revision().publish()
    return story


class Frontend(BaseHTTPRequestHandler):
    """The district's frontend: it answers every address."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def frontend() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Frontend)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def display_site(campaign, home, frontend):
    site = home.get_site()
    DistrictSettings.objects.update_or_create(site=site, defaults={"frontend_base_url": frontend})
    school = SchoolFactory(slug="hunt", short_name="Hunt")
    _story(campaign, 1, 1, datetime.datetime(2023, 1, 1, 8, tzinfo=ZONE), school)
    _story(campaign, 2, 3, datetime.datetime(2023, 3, 1, 8, tzinfo=ZONE), school)
    AwardRecipientFactory(name="Reading Buddies", month=datetime.date(2023, 2, 1), photo=ImageFactory())
    return campaign


@pytest.mark.django_db
def test_display_answers_everything_in_one_query(display_site, gql, frontend) -> None:
    display = gql(DISPLAY, {"at": "2023-02-15T12:00:00", "school": "hunt"})["display"]
    assert display["at"] == "2023-02-15T12:00:00-08:00"
    assert datetime.datetime.fromisoformat(display["validUntil"]) == datetime.datetime(2023, 3, 1, tzinfo=ZONE)
    assert display["school"] == {"slug": "hunt"}
    story = display["story"]
    assert story["story"]["title"] == "Story 1"
    assert story["isFromEarlierMonth"] is True
    story_page = display_site.get_children().get(title="Story 1")
    assert story["publicUrl"] == f"{frontend}/better-together/{story_page.slug}/"
    assert story["qrCodeSvg"].startswith("<svg") and 'viewBox="0 0 ' in story["qrCodeSvg"]
    assert (story["poster1080p"]["width"], story["poster1080p"]["height"]) == (1920, 1080)
    assert ".fill-1920x1080." in story["poster1080p"]["url"]
    assert story["poster1080p"]["alt"] == "Alt text for Poster 1"
    assert story["poster4k"]["url"]
    assert display["award"]["recipient"]["name"] == "Reading Buddies"
    assert [s["title"] for s in display["upcoming"]] == ["Story 2"]


@pytest.mark.django_db
def test_public_url_falls_back_to_this_site(display_site, gql) -> None:
    DistrictSettings.objects.update(frontend_base_url="")
    display = gql(DISPLAY, {"at": "2023-02-15T12:00:00"})["display"]
    assert display["story"]["publicUrl"].startswith("http://testserver/better-together/")


@pytest.mark.django_db
def test_the_next_answer_follows_a_new_frontend_address(display_site, gql, frontend) -> None:
    district = DistrictSettings.objects.get()
    district.frontend_base_url = ""
    district.save()
    variables = {"at": "2023-02-15T12:00:00"}
    assert gql(DISPLAY, variables)["display"]["story"]["publicUrl"].startswith("http://testserver/")
    district.frontend_base_url = frontend
    district.save()
    assert gql(DISPLAY, variables)["display"]["story"]["publicUrl"].startswith(f"{frontend}/better-together/")


@pytest.mark.django_db
def test_a_frontend_that_does_not_answer_sends_qr_codes_to_this_site(display_site, gql) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    DistrictSettings.objects.update(frontend_base_url=f"http://127.0.0.1:{closed}")
    display = gql(DISPLAY, {"at": "2023-02-15T12:00:00"})["display"]
    assert display["story"]["publicUrl"].startswith("http://testserver/better-together/")


@pytest.mark.django_db
def test_display_before_anything_premiered(campaign, gql) -> None:
    display = gql(DISPLAY, {"at": "2020-01-15T12:00:00"})["display"]
    assert display["story"] is None
    assert display["award"]["recipient"] is None
    assert display["upcoming"] == []


@pytest.mark.django_db
def test_upcoming_limit_is_bounded(campaign, graphql) -> None:
    body = graphql("{ display(upcomingLimit: 50) { validUntil } }")
    assert body["errors"][0]["message"] == "upcomingLimit must be between 0 and 12; got 50."


def _count_queries(client_gql, at: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client_gql(DISPLAY, {"at": at, "school": "hunt"})
    return len(queries)


@pytest.mark.django_db
def test_display_costs_the_same_number_of_queries_for_2_or_12_upcoming_stories(campaign, gql) -> None:
    # (One upcoming story is read with its poster's rendition from the rendition cache; a list of them has their
    # renditions read in one query, however many.)
    school = SchoolFactory(slug="hunt")
    AwardRecipientFactory(month=datetime.date(2023, 1, 1), photo=ImageFactory())
    _story(campaign, 0, 1, datetime.datetime(2023, 1, 1, 8, tzinfo=ZONE), school)
    _story(campaign, 1, 3, datetime.datetime(2023, 3, 1, 8, tzinfo=ZONE), school)
    _story(campaign, 2, 4, datetime.datetime(2023, 4, 1, 8, tzinfo=ZONE), school)
    at = "2023-02-15T12:00:00"
    # Renditions are made on the first request, and the schedule is swept on the next: then it is steady.
    gql(DISPLAY, {"at": at, "school": "hunt"})
    gql(DISPLAY, {"at": at, "school": "hunt"})
    few = _count_queries(gql, at)
    for n in range(3, 14):
        _story(campaign, n, 3 + n % 9, datetime.datetime(2023, 3, 1, 8 + n, tzinfo=ZONE), school)
    gql(DISPLAY, {"at": at, "school": "hunt"})
    gql(DISPLAY, {"at": at, "school": "hunt"})
    many = _count_queries(gql, at)
    assert many == few


def _shown(gql, at: str) -> tuple[tuple[str, list[str]], int]:
    """The story of the month and the upcoming titles a display shows at `at`, and how many queries decided them
    (the narrow reads of story ids and premieres)."""
    with CaptureQueriesContext(connection) as queries:
        display = gql(DISPLAY, {"at": at, "school": "hunt"})["display"]
    deciding = [q for q in queries.captured_queries if 'AS "pk"' in q["sql"] or 'AS "premiere_at"' in q["sql"]]
    return (display["story"]["story"]["title"], [s["title"] for s in display["upcoming"]]), len(deciding)


@pytest.mark.django_db
def test_a_display_decides_its_stories_once_for_the_stretch_they_hold(display_site, gql) -> None:
    school = display_site.get_children().live().first().specific.school
    _story(display_site, 3, 4, datetime.datetime(2023, 4, 1, 8, tzinfo=ZONE), school)
    february = ("Story 1", ["Story 2", "Story 3"])
    assert _shown(gql, "2023-02-15T12:00:00")[1] > 0
    assert _shown(gql, "2023-02-20T12:00:00") == (february, 0)  # the same stretch: nothing decided again
    march, decided = _shown(gql, "2023-03-02T12:00:00")  # past the premiere that ended it
    assert march == ("Story 2", ["Story 3"]) and decided > 0
    assert _shown(gql, "2023-02-16T12:00:00")[0] == february  # an earlier instant is decided for itself
    _story(display_site, 4, 2, datetime.datetime(2023, 2, 18, 8, tzinfo=ZONE), school)  # an edit
    assert _shown(gql, "2023-02-20T12:00:00")[0] == ("Story 4", ["Story 2", "Story 3"])
