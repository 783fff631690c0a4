"""What changes only with an edit is read once per content generation by each worker, and never kept past an
edit, the next instant an answer may change by itself, a minute, or while the generation cannot be read."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms import memo
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

STORIES = "{ stories { title } }"
CONFIGURATION = (PageViewRestriction._meta.db_table, Locale._meta.db_table, "wagtailcore_collectionviewrestriction")


def configuration_reads(gql, query: str = STORIES) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        gql(query)
    return [q["sql"] for q in queries.captured_queries if any(table in q["sql"] for table in CONFIGURATION)]


def test_an_answer_reads_the_configuration_once_per_generation(campaign, gql) -> None:
    StoryPageFactory(parent=campaign, title="Ada's story")
    assert configuration_reads(gql)
    assert configuration_reads(gql) == []  # the next answer, same generation: nothing read again


def test_an_edit_is_seen_by_the_next_answer(campaign, gql) -> None:
    story = StoryPageFactory(parent=campaign, title="Ada's story")
    assert [s["title"] for s in gql(STORIES)["stories"]] == ["Ada's story"]
    assert configuration_reads(gql) == []
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert configuration_reads(gql)
    assert gql(STORIES)["stories"] == []


def test_nothing_is_kept_without_a_generation() -> None:
    reads = []
    for _ in range(2):
        memo.remembered("a fact", lambda: reads.append(1) or len(reads), None)
    assert len(reads) == 2


def test_a_kept_value_lasts_until_the_next_boundary_or_a_minute() -> None:
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        boundary = start + datetime.timedelta(seconds=10)
        original = memo.next_boundary
        memo.next_boundary = lambda now: boundary
        try:
            assert memo.remembered("k", read, 7) == 1
            assert memo.remembered("k", read, 7) == 1
            assert memo.remembered("k", read, 8) == 2  # another generation
            traveller.shift(datetime.timedelta(seconds=11))  # past the boundary
            assert memo.remembered("k", read, 8) == 3
            memo.next_boundary = lambda now: now + datetime.timedelta(days=1)
            assert memo.remembered("k", read, 9) == 4
            traveller.shift(datetime.timedelta(seconds=memo.KEEP_SECONDS - 1))
            assert memo.remembered("k", read, 9) == 4
            traveller.shift(datetime.timedelta(seconds=2))
            assert memo.remembered("k", read, 9) == 5
            traveller.shift(datetime.timedelta(seconds=-30))  # a clock set back reads afresh
            assert memo.remembered("k", read, 9) == 6
        finally:
            memo.next_boundary = original


def test_an_answer_is_worked_out_in_the_generation_the_pipeline_read_before_it(client, campaign, monkeypatch) -> None:
    from django.test import override_settings

    from cms import visibility
    from cms.graphql import response_cache

    StoryPageFactory(parent=campaign, title="Ada's story")
    response_cache.generation()  # the cache holds a generation, as it does from the first edit on
    asked: list[int | None] = []
    known = visibility.current_generation
    monkeypatch.setattr(visibility, "current_generation", lambda: asked.append(known()) or asked[-1])
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        answer = client.get("/graphql/", {"query": STORIES}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and b"Ada's story" in answer.content
    assert asked == []  # read once before the work (response_cache.cache_aside); the answer's reads use it
    with override_settings(GRAPHQL_CACHE_SECONDS=0):
        client.get("/graphql/", {"query": STORIES}, HTTP_ACCEPT="application/json")
    assert asked == []  # nothing kept, the same one reading


def test_a_value_for_an_instant_is_given_for_later_instants_until_its_end(monkeypatch) -> None:
    monkeypatch.setattr(memo, "next_boundary", lambda now: now + datetime.timedelta(days=1))
    start = datetime.datetime(2023, 2, 15, 12, tzinfo=datetime.UTC)
    reads: list[datetime.datetime] = []

    def read(at: datetime.datetime) -> tuple[str, datetime.datetime]:
        reads.append(at)
        return f"read at {at:%d %H}h", at.replace(hour=18)

    hour = datetime.timedelta(hours=1)
    assert memo.remembered_from("k", start, read, 7) == "read at 15 12h"
    assert memo.remembered_from("k", start + 5 * hour, read, 7) == "read at 15 12h"  # before its end
    assert memo.remembered_from("k", start + 6 * hour, read, 7) == "read at 15 18h"  # at its end: read again
    assert memo.remembered_from("k", start - hour, read, 7) == "read at 15 11h"  # earlier than it was read for
    assert memo.remembered_from("k", start, read, 8) == "read at 15 12h" and len(reads) == 4  # another generation
    assert memo.remembered_from("k", start, read, None) == "read at 15 12h" and len(reads) == 5


def test_the_least_recently_used_value_goes_first_when_too_many_are_kept(monkeypatch) -> None:
    monkeypatch.setattr(memo, "MAX_KEPT", 3)
    reads: list[str] = []

    def reader(key: str):
        return lambda: reads.append(key) or key

    for key in ("a", "b", "c"):
        memo.remembered(key, reader(key), 7)
    memo.remembered("a", reader("a"), 7)  # used: "b" is now the least recent
    memo.remembered("d", reader("d"), 7)
    memo.remembered("a", reader("a"), 7)
    memo.remembered("b", reader("b"), 7)
    assert reads == ["a", "b", "c", "d", "b"]
