"""GraphQL types that stories need beyond what grapple derives from the models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import graphene
from grapple.types.rich_text import RichText
from grapple.utils import get_media_item_url

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

    from stories.models import StoryPage


class StoryStatus(graphene.Enum):
    """Whether a story's premiere has passed."""

    UPCOMING = "upcoming"
    RELEASED = "released"


class VideoKind(graphene.Enum):
    """How the video is delivered."""

    EMBED = "embed"
    FILE = "file"


MIME_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


@dataclass(frozen=True)
class StoryVideoValue:
    kind: str
    url: str
    mime_type: str | None
    captions_url: str | None
    captions_language: str | None
    transcript: str | None


class StoryVideo(graphene.ObjectType):
    """A released story's video, with its captions and transcript."""

    kind = graphene.Field(VideoKind, required=True)
    url = graphene.String(required=True, description="An embeddable page URL (EMBED) or the file's URL (FILE).")
    mime_type = graphene.String(description="For FILE videos, e.g. 'video/mp4'.")
    captions_url = graphene.String(description="The WebVTT captions track.")
    captions_language = graphene.String(description="Language of the captions track, e.g. 'en'.")
    transcript = RichText(description="The transcript as HTML.")


def build_story_video(
    story: StoryPage, *, video_file: AbstractDocument | None, captions: AbstractDocument | None
) -> StoryVideoValue | None:
    """The video value for a story, or None when it has none the public may see."""
    if story.video_url:
        kind, url, mime_type = VideoKind.EMBED.value, story.video_url, None
    elif video_file is not None:
        suffix = "." + video_file.file.name.rsplit(".", 1)[-1].lower()
        kind, url, mime_type = VideoKind.FILE.value, get_media_item_url(video_file), MIME_TYPES.get(suffix)
    else:
        return None
    return StoryVideoValue(
        kind=kind,
        url=url,
        mime_type=mime_type,
        captions_url=get_media_item_url(captions) if captions else None,
        captions_language=story.locale.language_code if captions else None,
        transcript=story.transcript or None,
    )
