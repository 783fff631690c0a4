"""A list's items come with what they show, cheaply: renditions loaded with the list, or found in the rendition
cache, are not written back to it, and a page past the start reads in full only the items it returns, found by
the list's order kept between answers (or, while it cannot be kept, by an offset over primary keys alone)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from grapple.utils import resolve_queryset
from wagtail.models import Page

from cms.graphql.lists import arranged, page_bounds
from cms.models import CustomImage, CustomRendition, School
from stories.models import StoryPage
from tests.cms.test_query_counts import make_stories
from tests.factories import ImageFactory, StoryPageFactory

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


ORDER = 'ORDER BY "stories_storypage"."month" DESC'


def story_reads(gql, query: str, variables: dict | None = None) -> tuple[list[str], list[str]]:
    """The titles a list answers, and the SQL it sent that reads stories in the list's order."""
    with CaptureQueriesContext(connection) as queries:
        titles = [story["title"] for story in gql(query, variables)["stories"]]
    return titles, [q["sql"] for q in queries.captured_queries if ORDER in q["sql"]]


def test_a_page_past_the_start_is_the_same_items_in_the_same_order(campaign, gql) -> None:
    make_stories(campaign, 12)
    everything = [story["title"] for story in gql(LISTING.replace("limit: 5", "limit: 12"))["stories"]]
    pages = [[story["title"] for story in gql(LISTING, {"offset": offset})["stories"]] for offset in (0, 5, 10)]
    assert pages == [everything[0:5], everything[5:10], everything[10:12]]


def test_the_order_of_a_list_is_read_once_and_each_page_then_by_its_ids(campaign, gql) -> None:
    make_stories(campaign, 12)
    first, reads = story_reads(gql, LISTING, {"offset": 5})
    assert len(reads) == 2 and "LIMIT" not in reads[0]  # the whole order, then the five stories
    again, reads = story_reads(gql, LISTING, {"offset": 5})
    assert again == first and len(reads) == 1 and "OFFSET" not in reads[0]
    later, reads = story_reads(gql, LISTING, {"offset": 10})
    assert len(later) == 2 and not set(later) & set(first) and len(reads) == 1 and "OFFSET" not in reads[0]


def test_a_page_past_the_start_follows_an_edit(campaign, gql) -> None:
    make_stories(campaign, 12)
    before, _ = story_reads(gql, LISTING, {"offset": 5})
    newest = StoryPageFactory(parent=campaign, title="The newest story", month=datetime.date(2030, 1, 1))
    after, _ = story_reads(gql, LISTING, {"offset": 5})
    assert after[1:] == before[:4]  # everything moved down by the new first story
    newest.unpublish()
    assert story_reads(gql, LISTING, {"offset": 5})[0] == before


def test_a_kept_order_ends_at_a_premiere(campaign, gql) -> None:
    released = LISTING.replace("stories(limit: 5,", "stories(status: RELEASED, limit: 1,")
    now = datetime.datetime(2024, 5, 10, 12, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False) as traveller:
        for month in (1, 2, 3):
            StoryPageFactory(parent=campaign, title=f"Month {month}", month=datetime.date(2024, month, 1))
        premiere = now + datetime.timedelta(seconds=20)  # sooner than anything is kept for without an edit
        StoryPageFactory(parent=campaign, title="Coming", month=datetime.date(2024, 6, 1), premiere_at=premiere)
        assert story_reads(gql, released, {"offset": 1})[0] == ["Month 2"]
        traveller.shift(datetime.timedelta(seconds=21))
        assert story_reads(gql, released, {"offset": 1})[0] == ["Month 3"]


def test_while_the_order_cannot_be_kept_a_page_is_found_by_an_offset_over_primary_keys(
    campaign, gql, monkeypatch
) -> None:
    from cms.graphql import pipeline

    make_stories(campaign, 12)
    build_context = pipeline.build_context

    def without_a_generation(request, generation=None):
        context = build_context(request)
        context.generation = None  # nothing can be kept for the answer
        return context

    monkeypatch.setattr(pipeline, "build_context", without_a_generation)
    titles, reads = story_reads(gql, LISTING, {"offset": 5})
    paged = [sql for sql in reads if "LIMIT 5 OFFSET 5" in sql]
    # The order and the offset run over primary keys alone, inside the query that reads the five stories in full.
    assert len(titles) == 5 and len(reads) == 1 and paged == reads
    assert paged[0].index("OFFSET 5") < paged[0].rindex("ORDER BY"), paged


def test_a_list_by_program_is_paged_past_its_start_by_its_ids_too(campaign, gql) -> None:
    make_stories(campaign, 12)
    for story in StoryPage.objects.all():
        story.programs.add("CAB Cafe", "Beyond the Bell")  # two programs: a join on them would list it twice
        story.save()
    by_program = LISTING.replace("stories(limit: 5,", 'stories(program: "cab cafe", limit: 5,')
    everything = [story["title"] for story in gql(by_program.replace("limit: 5", "limit: 12"))["stories"]]
    assert len(everything) == len(set(everything)) == 12  # each story once, for all its programs
    first, _ = story_reads(gql, by_program, {"offset": 5})
    again, reads = story_reads(gql, by_program, {"offset": 5})
    assert first == again == everything[5:10] and len(reads) == 1 and "OFFSET" not in reads[0]


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"offset": 3, "limit": 4},
        {"limit": 500},
        {"order": "-name, id", "offset": 101},
        {"id": 5},
        {"in_menu": True},
    ],
)
def test_a_list_is_filtered_ordered_and_paged_as_grapple_does(home, arguments: dict) -> None:
    """`cms.graphql.lists` filters, orders and pages a list itself, so as to read a page past its start by its ids:
    this fails when grapple's `resolve_queryset` reads its arguments otherwise."""
    School.objects.bulk_create(School(name=f"School {n}", slug=f"school-{n}") for n in range(110))
    queryset = Page.objects.all() if "in_menu" in arguments else School.objects.order_by("name")
    if "id" in arguments:
        arguments["id"] = queryset[arguments["id"]].pk
    offset, limit = page_bounds(arguments.get("offset"), arguments.get("limit"))
    ours = arranged(queryset, **{k: v for k, v in arguments.items() if k not in ("offset", "limit")})
    assert list(ours[offset : offset + limit]) == list(resolve_queryset(queryset, None, **arguments))
