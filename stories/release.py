"""What the public may see of a story once it premieres: its status, and its video with the captions tracks."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grapple.utils import get_media_item_url

from cms.i18n import default_language_code, native_language_name

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

MIME_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


class StoryStatus(enum.Enum):
    """Whether a story's premiere has passed."""

    UPCOMING = "upcoming"
    RELEASED = "released"


class VideoKind(enum.Enum):
    """How the video is delivered."""

    EMBED = "embed"
    FILE = "file"


@dataclass(frozen=True)
class CaptionTrackValue:
    language: str
    label: str
    url: str
    is_default: bool


@dataclass(frozen=True)
class StoryVideoValue:
    kind: VideoKind
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


def build_story_video(
    *,
    video_url: str,
    video_file: AbstractDocument | None,
    transcript: str,
    tracks: list[tuple[str, AbstractDocument]],
    language: str,
) -> StoryVideoValue | None:
    """A story's video served in `language`, or None when it has none the public may see.

    `video_file` and `tracks` hold only what the public may see; the default track is the one in `language`,
    else the one in the site's default language.
    """
    if video_url:
        kind, url, mime_type = VideoKind.EMBED, video_url, None
    elif video_file is not None:
        suffix = "." + video_file.file.name.rsplit(".", 1)[-1].lower()
        kind, url, mime_type = VideoKind.FILE, get_media_item_url(video_file), MIME_TYPES.get(suffix)
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
    return StoryVideoValue(kind=kind, url=url, mime_type=mime_type, captions=captions, transcript=transcript or None)
