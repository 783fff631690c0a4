"""A list's items come with what they show, cheaply: renditions loaded with the list, or found in the rendition
cache, are not written back to it, and a page past the start reads in full only the items it returns."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import CustomImage, CustomRendition
from tests.cms.test_query_counts import make_stories
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

LISTING = """query($offset: PositiveInt) { stories(limit: 5, offset: $offset) {
  title posterImage { alt rendition(fill: "640x360") { url } } } }"""


def test_renditions_loaded_with_a_list_are_not_written_to_the_cache(campaign, gql, monkeypatch) -> None:
    make_stories(campaign, 8)
    first = gql(LISTING)["stories"]  # makes the renditions
    writes: list[str] = []
    cache = CustomRendition.cache_backend
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: writes.append(key))
    again = gql(LISTING)["stories"]
    assert again == first and all(story["posterImage"]["rendition"]["url"] for story in again)
    assert writes == []


def test_a_rendition_goes_into_the_cache_once_and_is_then_read_from_it(monkeypatch) -> None:
    image = ImageFactory(file__width=640, file__height=360, description="A mural")
    cache, writes = CustomRendition.cache_backend, []
    write = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: (writes.append(key), write(key, *args, **kwargs)))
    made = CustomImage.objects.get(pk=image.pk).get_rendition("fill-320x180")
    assert len(writes) == 1  # made now, so the next answer finds it in the cache
    found = CustomImage.objects.get(pk=image.pk).get_rendition("fill-320x180")
    assert (found.pk, found.url, found.image.pk, found.alt) == (made.pk, made.url, image.pk, "A mural")
    assert len(writes) == 1  # found there: not written back
    cache.delete(writes[0])
    again = CustomImage.objects.get(pk=image.pk).get_rendition("fill-320x180")
    assert again.pk == made.pk and len(writes) == 2  # found in the database only: written for the next one


def test_a_page_past_the_start_is_the_same_items_in_the_same_order(campaign, gql) -> None:
    make_stories(campaign, 12)
    everything = [story["title"] for story in gql(LISTING.replace("limit: 5", "limit: 12"))["stories"]]
    pages = [[story["title"] for story in gql(LISTING, {"offset": offset})["stories"]] for offset in (0, 5, 10)]
    assert pages == [everything[0:5], everything[5:10], everything[10:12]]
    with CaptureQueriesContext(connection) as queries:
        gql(LISTING, {"offset": 5})
    paged = [q["sql"] for q in queries.captured_queries if "LIMIT 5 OFFSET 5" in q["sql"]]
    # The order and the offset run over primary keys alone, inside the query that reads the five stories in full.
    assert len(paged) == 1 and paged[0].index("OFFSET 5") < paged[0].rindex("ORDER BY"), paged
