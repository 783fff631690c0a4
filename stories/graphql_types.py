"""GraphQL types that stories need beyond what grapple derives from the models."""

from __future__ import annotations

import graphene
from grapple.types.rich_text import RichText

from stories.release import StoryStatus, VideoKind

StoryStatusType = graphene.Enum.from_enum(StoryStatus)
VideoKindType = graphene.Enum.from_enum(VideoKind)


class CaptionTrackType(graphene.ObjectType):
    """One WebVTT captions track: put it in a <track kind="captions"> element."""

    class Meta:
        name = "CaptionTrack"

    language = graphene.String(required=True, description="Its language code, for `srclang`, e.g. 'es'.")
    label = graphene.String(required=True, description="Its language's own name, for the track menu, e.g. 'Español'.")
    url = graphene.String(required=True)
    is_default = graphene.Boolean(
        required=True, description="True for the track in the story's language (else English): show it by default."
    )


class StoryVideoType(graphene.ObjectType):
    """A released story's video, with its captions tracks and transcript."""

    class Meta:
        name = "StoryVideo"

    kind = graphene.Field(VideoKindType, required=True)
    url = graphene.String(required=True, description="An embeddable page URL (EMBED) or the file's URL (FILE).")
    mime_type = graphene.String(description="For FILE videos, e.g. 'video/mp4'.")
    captions = graphene.List(
        graphene.NonNull(CaptionTrackType), required=True, description="Every captions track, the default one first."
    )
    captions_url = graphene.String(description="The default captions track's URL.")
    captions_language = graphene.String(description="The default captions track's language, e.g. 'en'.")
    transcript = RichText(description="The transcript as HTML, in the story's language.")
