"""Before its premiere a story's teaser is public but not its full text or video."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stories.models import CaptionTrack
from tests.factories import DocumentFactory, SchoolFactory, StoryPageFactory

STORY_QUERY = """query($slug: String) { page(slug: $slug) { ... on StoryPage {
  status isReleased themeHeadline studentNames summary month monthLabel premiereAt body
  video { kind url mimeType captionsUrl captionsLanguage transcript } } } }"""


def _story(gql, slug: str) -> dict:
    return gql(STORY_QUERY, {"slug": slug})["page"]


@pytest.mark.django_db
def test_upcoming_story_serves_its_teaser_only(campaign, gql) -> None:
    premiere = timezone.now() + datetime.timedelta(hours=2)
    StoryPageFactory(
        parent=campaign,
        slug="upcoming",
        premiere_at=premiere,
        video_url="https://video.example.org/watch/1",
        transcript="<p>Every word said.</p>",
    )
    story = _story(gql, "upcoming")
    assert story["status"] == "UPCOMING"
    assert story["isReleased"] is False
    assert (story["themeHeadline"], story["studentNames"], story["summary"]) == (
        "WE ARE CURIOUS TOGETHER",
        "Ada",
        "A short teaser.",
    )
    assert (story["month"], story["monthLabel"]) == ("2023-03", "March 2023")
    assert datetime.datetime.fromisoformat(story["premiereAt"]) == premiere
    assert story["body"] is None
    assert story["video"] is None


@pytest.mark.django_db
def test_released_story_serves_full_text_and_video(campaign, gql) -> None:
    captions = DocumentFactory(file__filename="ada.vtt", file__data=b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    StoryPageFactory(
        parent=campaign,
        slug="released",
        premiere_at=timezone.now() - datetime.timedelta(seconds=1),
        video_url="https://video.example.org/watch/1",
        caption_tracks=[CaptionTrack(language="en", file=captions)],
        transcript="<p>Every word said.</p>",
    )
    story = _story(gql, "released")
    assert story["status"] == "RELEASED"
    assert story["body"] == "<p>The full story.</p>"
    assert story["video"]["kind"] == "EMBED"
    assert story["video"]["url"] == "https://video.example.org/watch/1"
    assert story["video"]["captionsUrl"].endswith("ada.vtt")
    assert story["video"]["captionsLanguage"] == "en"
    assert story["video"]["transcript"] == "<p>Every word said.</p>"


@pytest.mark.django_db
def test_uploaded_video_file_is_served_with_its_type(campaign, gql) -> None:
    video = DocumentFactory(file__filename="story.mp4", file__data=b"\x00\x00\x00\x18ftypmp42")
    StoryPageFactory(parent=campaign, slug="file", video_file=video, transcript="<p>Words.</p>")
    assert _story(gql, "file")["video"]["kind"] == "FILE"
    assert _story(gql, "file")["video"]["mimeType"] == "video/mp4"
    assert _story(gql, "file")["video"]["url"].startswith("http://testserver/documents/")


@pytest.mark.django_db
def test_story_without_premiere_date_stays_upcoming(campaign, gql) -> None:
    StoryPageFactory(parent=campaign, slug="tba", premiere_at=None)
    story = _story(gql, "tba")
    assert (story["status"], story["premiereAt"], story["body"]) == ("UPCOMING", None, None)


@pytest.mark.django_db
def test_campaign_splits_stories_by_premiere(campaign, gql) -> None:
    now = timezone.now()
    StoryPageFactory(
        parent=campaign, title="Old", month=datetime.date(2022, 9, 1), premiere_at=now - datetime.timedelta(days=60)
    )
    StoryPageFactory(
        parent=campaign, title="Recent", month=datetime.date(2022, 10, 1), premiere_at=now - datetime.timedelta(days=1)
    )
    StoryPageFactory(
        parent=campaign, title="Next", month=datetime.date(2022, 11, 1), premiere_at=now + datetime.timedelta(days=1)
    )
    # Undated, in a month not over yet: still coming.
    later = (now + datetime.timedelta(days=40)).date().replace(day=1)
    StoryPageFactory(parent=campaign, title="Later", month=later, premiere_at=None)
    data = gql(
        """{ page(slug: "better-together") { ... on CampaignIndexPage {
        stories { title } releasedStories { title } upcomingStories { title } } } }"""
    )["page"]
    assert [s["title"] for s in data["stories"]] == ["Later", "Next", "Recent", "Old"]
    assert [s["title"] for s in data["releasedStories"]] == ["Recent", "Old"]
    assert [s["title"] for s in data["upcomingStories"]] == ["Next", "Later"]


@pytest.mark.django_db
def test_stories_query_filters(campaign, gql) -> None:
    lyon = SchoolFactory(name="Lyon Elementary School", slug="lyon")
    now = timezone.now()
    pi = StoryPageFactory(parent=campaign, title="Pi", school=lyon, month=datetime.date(2023, 3, 1))
    pi.programs.add("CAB Cafe")
    pi.save_revision().publish()
    StoryPageFactory(
        parent=campaign, title="Soon", premiere_at=now + datetime.timedelta(days=2), month=datetime.date(2023, 4, 1)
    )

    def titles(args: str) -> list[str]:
        return [s["title"] for s in gql(f"{{ stories{args} {{ title }} }}")["stories"]]

    assert titles("") == ["Soon", "Pi"]
    assert titles("(status: RELEASED)") == ["Pi"]
    assert titles("(status: UPCOMING)") == ["Soon"]
    assert titles('(school: "lyon")') == ["Pi"]
    assert titles('(program: "cab cafe")') == ["Pi"]
    assert titles('(month: "2023-04")') == ["Soon"]
    assert titles(f'(campaign: "{campaign.pk}")') == ["Soon", "Pi"]
    assert titles("(limit: 1, offset: 1)") == ["Pi"]


@pytest.mark.django_db
def test_stories_query_rejects_a_malformed_month(campaign, graphql) -> None:
    body = graphql('{ stories(month: "March") { title } }')
    assert body["errors"][0]["message"] == "month must look like '2023-03'; got 'March'."


@pytest.mark.django_db
def test_month_is_stored_as_its_first_day(campaign) -> None:
    story = StoryPageFactory(parent=campaign, month=datetime.date(2023, 3, 17))
    story.refresh_from_db()
    assert story.month == datetime.date(2023, 3, 1)
