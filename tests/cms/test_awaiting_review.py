"""`awaitingReview` in the API: true only for a translation still waiting for a person, read for a whole list at
once, and every cached answer stale when a translation is marked or cleared."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cms.reviews import TranslationReview, mark_item_awaiting_review, mark_reviewed
from tests.factories.pages import StoryPageFactory

QUERY = '{ stories(locale: "vi", limit: 100) { title isFallback awaitingReview } }'


@pytest.fixture
def cache_on() -> Iterator[None]:
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def _queries(gql, query: str) -> int:
    gql(query)
    with CaptureQueriesContext(connection) as captured:
        gql(query)
    return len(captured)


def test_a_list_reads_awaiting_review_at_once(gql, campaign, translate) -> None:
    costs = []
    for batch in range(2):
        for n in range(5):
            story = StoryPageFactory(parent=campaign, month=datetime.date(2020 + batch, n + 1, 1))
            if n % 2:
                mark_item_awaiting_review(
                    translate(story, "vi", title=f"{story.title} (vi)"), TranslationReview.MACHINE
                )
        costs.append(_queries(gql, QUERY))
    assert costs[0] == costs[1], costs
    stories = gql(QUERY)["stories"]
    assert len(stories) == 10
    for story in stories:
        assert story["awaitingReview"] == story["title"].endswith("(vi)")  # a fallback in English awaits nothing


def test_marking_and_clearing_make_cached_answers_stale(campaign, translate, cache_on) -> None:
    story = StoryPageFactory(parent=campaign, slug="kendy")
    vietnamese = translate(story, "vi", title="Kendy (vi)")

    def answer() -> bool:
        query = '{ page(slug: "kendy", locale: "vi") { awaitingReview } }'
        return Client().get("/graphql/", {"query": query}).json()["data"]["page"]["awaitingReview"]

    assert answer() is False
    assert answer() is False  # kept
    mark_item_awaiting_review(vietnamese, TranslationReview.MACHINE)
    assert answer() is True
    mark_reviewed(TranslationReview.objects.get())
    assert answer() is False
