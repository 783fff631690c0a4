"""GraphQL types that stories need beyond what grapple derives from the models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import graphene
from grapple.types.rich_text import RichText
from grapple.utils import get_media_item_url

from cms.i18n import default_language_code, native_language_name

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
class CaptionTrackValue:
    language: str
    label: str
    url: str
    is_default: bool


@dataclass(frozen=True)
class StoryVideoValue:
    kind: str
    url: str
    mime_type: str | None
    captions: list[CaptionTrackValue]
    transcript: str | None

    @property
    def default_track(self) -> CaptionTrackValue | None:
        return next((track for track in self.captions if track.is_default), None)

    @property
    def captions_url(self) -> str | None:
        return self.default_track.url if self.default_track else None

    @property
    def captions_language(self) -> str | None:
        return self.default_track.language if self.default_track else None


class CaptionTrack(graphene.ObjectType):
    """One WebVTT captions track: put it in a <track kind="captions"> element."""

    language = graphene.String(required=True, description="Its language code, for `srclang`, e.g. 'es'.")
    label = graphene.String(required=True, description="Its language's own name, for the track menu, e.g. 'Español'.")
    url = graphene.String(required=True)
    is_default = graphene.Boolean(
        required=True, description="True for the track in the story's language (else English): show it by default."
    )


class StoryVideo(graphene.ObjectType):
    """A released story's video, with its captions tracks and transcript."""

    kind = graphene.Field(VideoKind, required=True)
    url = graphene.String(required=True, description="An embeddable page URL (EMBED) or the file's URL (FILE).")
    mime_type = graphene.String(description="For FILE videos, e.g. 'video/mp4'.")
    captions = graphene.List(
        graphene.NonNull(CaptionTrack), required=True, description="Every captions track, the default one first."
    )
    captions_url = graphene.String(description="The default captions track's URL.")
    captions_language = graphene.String(description="The default captions track's language, e.g. 'en'.")
    transcript = RichText(description="The transcript as HTML, in the story's language.")


def build_story_video(
    story: StoryPage, *, video_file: AbstractDocument | None, tracks: list[tuple[str, AbstractDocument]], language: str
) -> StoryVideoValue | None:
    """The video value for a story served in `language`, or None when it has none the public may see."""
    if story.video_url:
        kind, url, mime_type = VideoKind.EMBED.value, story.video_url, None
    elif video_file is not None:
        suffix = "." + video_file.file.name.rsplit(".", 1)[-1].lower()
        kind, url, mime_type = VideoKind.FILE.value, get_media_item_url(video_file), MIME_TYPES.get(suffix)
    else:
        return None
    codes = [code for code, _ in tracks]
    default = language if language in codes else (default_language_code() if default_language_code() in codes else None)
    captions = [
        CaptionTrackValue(
            language=code,
            label=native_language_name(code),
            url=get_media_item_url(document),
            is_default=code == default,
        )
        for code, document in tracks
    ]
    captions.sort(key=lambda track: not track.is_default)
    return StoryVideoValue(
        kind=kind, url=url, mime_type=mime_type, captions=captions, transcript=story.transcript or None
    )
