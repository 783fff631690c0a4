"""What a list of stories loads up front, so that it costs the same queries whatever its length."""

from __future__ import annotations

from django.db import models

from stories.models.captions import CaptionTrack


def with_teaser(stories: models.QuerySet, *, with_video: bool = True) -> models.QuerySet:
    """Stories with what a listing shows loaded up front (their poster, school and programs, and the video
    with its captions tracks), so a list costs the same queries whatever its length."""
    stories = stories.select_related("poster_image", "school", "video_file").prefetch_related(
        "poster_image__renditions", "program_items__tag"
    )
    if with_video:
        tracks = CaptionTrack.objects.select_related("file")
        stories = stories.prefetch_related(models.Prefetch("caption_tracks", queryset=tracks))
    return stories
