"""SQL queries per request do not grow with the number of items: listings, the partnership page, awards."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import CustomImage
from stories.models import CaptionTrack, StoryPage
from tests.factories import (
    AwardRecipientFactory,
    DocumentFactory,
    ImageFactory,
    SchoolFactory,
    ShiningStarAwardPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

STORY_LISTING = """{ stories(limit: 100) {
  title slug urlPath monthLabel status summary themeHeadline studentNames programs
  school { name shortName }
  posterImage { alt url width height srcSet(sizes: [480, 960]) rendition(width: 640) { url width height } }
} }"""

AWARD_LISTING = """{ awardRecipients(limit: 100) {
  name kind kindLabel organization citation month monthLabel
  school { shortName } photo { alt url rendition(width: 480) { url } }
} }"""


def count(gql, query: str) -> int:
    gql(query)  # renditions are made on the first request
    gql(query)  # and due schedules swept on the next
    with CaptureQueriesContext(connection) as queries:
        gql(query)
    return len(queries)


def make_stories(campaign, n: int) -> None:
    school = SchoolFactory()
    image = ImageFactory(file__width=1920, file__height=1080)
    for i in range(n):
        story = StoryPageFactory(
            parent=campaign,
            month=datetime.date(2022, 1 + i % 12, 1),
            school=school,
            poster_image=image if i % 2 else ImageFactory(file__width=800, file__height=450),
        )
        story.programs.add("CAB Cafe", "Beyond the Bell")


@pytest.mark.parametrize("n", [1, 10, 100])
def test_the_story_listing(campaign, gql, n: int) -> None:
    make_stories(campaign, n)
    assert len(gql(STORY_LISTING)["stories"]) == n
    assert count(gql, STORY_LISTING) <= 12, StoryPage.objects.count()


CAMPAIGN_STORIES = """{ page(slug: "better-together", locale: "es") { ... on CampaignIndexPage {
  stories(limit: 100) { title locale isFallback availableLocales { code url } monthLabel programs
    school { shortName } posterImage { alt rendition(width: 640) { url } }
    video { url captions { language label url isDefault } } }
} } }"""


@pytest.mark.parametrize("n", [1, 10, 100])
def test_a_campaign_s_stories_with_videos_in_a_language(campaign, gql, translate, n: int) -> None:
    translate(campaign)
    school = SchoolFactory()
    captions = DocumentFactory(file__filename="captions.vtt")
    for i in range(n):
        story = StoryPageFactory(
            parent=campaign,
            month=datetime.date(2022, 1 + i % 12, 1),
            school=school,
            poster_image=ImageFactory(),
            video_url=f"https://video.example.org/{i}",
            caption_tracks=[CaptionTrack(language="en", file=captions), CaptionTrack(language="es", file=captions)],
        )
        story.programs.add("CAB Cafe")
        if i % 2:
            translate(story, title=f"Historia {i}")
    stories = gql(CAMPAIGN_STORIES)["page"]["stories"]
    assert len(stories) == n and all(len(story["video"]["captions"]) == 2 for story in stories)
    assert count(gql, CAMPAIGN_STORIES) <= 16


@pytest.mark.parametrize("n", [1, 10, 100])
def test_the_award_listing(db, gql, n: int) -> None:
    school = SchoolFactory()
    for i in range(n):
        AwardRecipientFactory(school=school, photo=ImageFactory() if i % 3 else None)
    assert len(gql(AWARD_LISTING)["awardRecipients"]) == n
    assert count(gql, AWARD_LISTING) <= 10, CustomImage.objects.count()


PARTNERSHIP_PAGE = """{ page(slug: "partner") { ... on PartnershipPage {
  title definition
  partnerKinds { ... on PartnerKindBlock { title abbreviation } }
  pathways { ... on PathwayBlock { audience wayLabels
    callsToAction { ... on CallToActionBlock { text target page { title url } } } } }
  contactOffice { name addressLines } letterOfSupportOffice { name }
  letterOfSupportActions { ... on CallToActionBlock { text target page { url } } }
  awardProgram { title recipients(limit: 100) { name photo { alt url } school { shortName } } }
} } }"""


@pytest.mark.parametrize("n", [1, 10, 100])
def test_the_partnership_page(partnership, interest_form, letter_page, gql, n: int) -> None:
    award = ShiningStarAwardPageFactory(parent=partnership)
    targets = [StoryPageFactory(parent=award.get_parent().get_parent(), slug=f"target-{i}") for i in range(3)]
    pathway = {
        "audience": "Businesses",
        "body": "<p>MOU.</p>",
        "ways": ["youth_program"],
        "closing": "",
        "calls_to_action": [
            {"text": "Interest form", "target": "interest_form", "page": None, "url": ""},
            {"text": "A page", "target": "page", "page": targets[0].pk, "url": ""},
        ],
    }
    partnership.pathways = json.dumps([{"type": "pathway", "value": pathway} for _ in range(n)])
    partnership.partner_kinds = json.dumps(
        [{"type": "partner_kind", "value": {"title": f"Kind {i}", "abbreviation": ""}} for i in range(n)]
    )
    partnership.save_revision().publish()
    school = SchoolFactory()
    for _ in range(n):
        AwardRecipientFactory(school=school, photo=ImageFactory())
    page = gql(PARTNERSHIP_PAGE)["page"]
    assert len(page["pathways"]) == n and len(page["awardProgram"]["recipients"]) == n
    assert page["pathways"][-1]["callsToAction"][0]["page"]["url"].endswith("/interest-form/")
    assert count(gql, PARTNERSHIP_PAGE) <= 14


DISPLAY = """{ display(at: "2023-02-15T12:00:00", upcomingLimit: 12) {
  validUntil story { publicUrl qrCodeSvg poster1080p { url alt } poster4k { url }
    story { title summary programs school { shortName } } }
  award { recipient { name photo { alt } } }
  upcoming { title summary programs school { shortName } posterImage { alt rendition(fill: "1920x1080") { url } } }
} }"""


@pytest.mark.parametrize("n", [1, 10, 100])
def test_the_display(campaign, gql, n: int) -> None:
    school = SchoolFactory()
    released = datetime.datetime(2023, 2, 1, 8, tzinfo=datetime.UTC)
    StoryPageFactory(parent=campaign, month=datetime.date(2023, 2, 1), premiere_at=released, school=school)
    for i in range(n):
        story = StoryPageFactory(
            parent=campaign,
            month=datetime.date(2023, 3 + i % 9, 1),
            premiere_at=released + datetime.timedelta(days=30 + i),
            school=school,
            poster_image=ImageFactory(),
        )
        story.programs.add("CAB Cafe")
    AwardRecipientFactory(month=datetime.date(2023, 2, 1), photo=ImageFactory())
    display = gql(DISPLAY)["display"]
    assert display["story"] is not None and len(display["upcoming"]) == min(n, 12)
    assert count(gql, DISPLAY) <= 20
