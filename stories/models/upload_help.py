"""What the story editor says beside its upload fields: the formats and sizes each accepts (checked at upload by
cms.document_forms and Wagtail's image form), and the name of the programs field."""

from __future__ import annotations

from django.conf import settings

from cms.upload_limits import KINDS, MB

_VIDEO_MB = KINDS["mp4"][2] // MB
_CAPTIONS_MB = KINDS["vtt"][2] // MB
_IMAGE_MB = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE / MB

VIDEO_FILE_HELP = (
    f"An uploaded video file: MP4 or WebM, up to {_VIDEO_MB} MB. Use this or a video link, not both. Other files "
    "are refused when uploaded."
)
CAPTIONS_FILE_HELP = (
    f"A WebVTT captions file (.vtt, starting with the line 'WEBVTT'), up to {_CAPTIONS_MB} MB, in that language."
)
POSTER_HELP = (
    f"Still image shown before the video plays and on displays: JPEG, PNG or WebP, up to {_IMAGE_MB:g} MB, "
    "ideally 1920 × 1080 (16:9)."
)
PROGRAMS_HEADING = "Programs"
