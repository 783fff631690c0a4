"""The Better Together campaign: one index page per school year, one story page per month."""

from stories.models.campaign import CampaignIndexPage
from stories.models.captions import CaptionTrack, StoryPageForm
from stories.models.story import StoryPage, StoryProgramTag
from stories.models.teaser import with_teaser

__all__ = [
    "CampaignIndexPage",
    "CaptionTrack",
    "StoryPage",
    "StoryPageForm",
    "StoryProgramTag",
    "with_teaser",
]
