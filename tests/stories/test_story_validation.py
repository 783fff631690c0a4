"""Editors get a clear message when a story or campaign is inconsistent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stories.models import CaptionTrack
from tests.factories import CampaignIndexPageFactory, DocumentFactory, StoryPageFactory


def _errors(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_video_link_and_file_together_are_refused(campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    story.video_url = "https://video.example.org/1"
    story.video_file = DocumentFactory(file__filename="a.mp4")
    story.transcript = "<p>Words</p>"
    assert _errors(story)["video_file"] == ["Give either a video link or an uploaded video file, not both."]


@pytest.mark.django_db
def test_video_file_must_be_a_video(campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    story.video_file = DocumentFactory(file__filename="notes.pdf")
    story.transcript = "<p>Words</p>"
    assert _errors(story)["video_file"] == ["The uploaded video must be an MP4 or WebM file."]


@pytest.mark.django_db
def test_captions_must_be_webvtt(campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    track = CaptionTrack(page=story, language="en", file=DocumentFactory(file__filename="captions.srt"))
    assert _errors(track)["file"] == ["Captions must be a WebVTT file ending in .vtt."]


@pytest.mark.django_db
def test_captions_are_in_one_of_the_site_languages(campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    track = CaptionTrack(page=story, language="xx", file=DocumentFactory(file__filename="captions.vtt"))
    assert _errors(track)["language"] == ["'xx' is not one of the site's languages."]


@pytest.mark.django_db
def test_a_video_needs_captions_or_a_transcript(campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    story.video_url = "https://video.example.org/1"
    assert _errors(story)["transcript"] == [
        "The video needs captions in English (a WebVTT track for 'en') or a transcript, so that everyone can follow "
        'it. Under Captions, choose "Add Captions track", pick English and upload the .vtt file, or write the '
        "transcript."
    ]
    story.transcript = "<p>Everything said.</p>"
    story.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("school_year", "message"),
    [
        ("2022", "Write the school year as '2022-23'."),
        ("2022-24", "'2022-24' is not one school year; did you mean '2022-23'?"),
    ],
)
def test_school_year_is_one_year(home, school_year: str, message: str) -> None:
    campaign = CampaignIndexPageFactory(parent=home)
    campaign.school_year = school_year
    assert _errors(campaign)["school_year"] == [message]


@pytest.mark.django_db
def test_hashtag_takes_no_hash_sign(home) -> None:
    campaign = CampaignIndexPageFactory(parent=home)
    campaign.hashtag = "#BetterTogether"
    assert _errors(campaign)["hashtag"] == ["Letters, digits and underscores only, without the '#'."]
