"""What a list of stories loads up front, so that it costs the same queries whatever its length."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models

from stories.models.captions import CaptionTrack


def with_teaser(stories: models.QuerySet) -> models.QuerySet:
    """Stories with the rows a teaser shows joined (poster, school, video file). What else a list shows is
    loaded for the whole list only when a query asks for it (`story_prefetches`, through `cms.graphql.prefetch`)."""
    return stories.select_related("poster_image", "school", "video_file")


def story_prefetches(field: str) -> tuple:
    """What a list of stories loads at once when a GraphQL query asks for `field` of them."""
    if field == "programs":
        tags = apps.get_model("stories", "StoryProgramTag").objects.select_related("tag")
        return (models.Prefetch("program_items", queryset=tags, to_attr="prefetched_program_items"),)
    if field == "video":
        tracks = CaptionTrack.objects.select_related("file")
        return (models.Prefetch("caption_tracks", queryset=tracks, to_attr="prefetched_caption_tracks"),)
    return ()


def related_rows(item: models.Model, name: str, *joined: str) -> Iterable[Any]:
    """`item`'s rows of the reverse relation `name`: the list's prefetch if one was made (`story_prefetches` puts
    them in `prefetched_<name>`), else one query with `joined` related rows in it (never a query per row)."""
    prefetched = getattr(item, f"prefetched_{name}", None)
    return prefetched if prefetched is not None else getattr(item, name).select_related(*joined)
