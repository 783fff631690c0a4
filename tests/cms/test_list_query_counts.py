"""Every list (`pages`, `children`, `search`, `snippets`, `images`) costs the same SQL queries whatever its
length, with each item's image and a rendition of it asked for."""

from __future__ import annotations

import pytest

from tests.cms.test_query_counts import count, make_stories
from tests.factories import AwardRecipientFactory, ImageFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "pages": """{ pages(contentType: "stories.StoryPage", limit: 100) {
      title ... on StoryPage { posterImage { url alt rendition(width: 640) { url } } } } }""",
    "children": """{ page(slug: "better-together") { children(limit: 100) {
      title ... on StoryPage { posterImage { url srcSet(sizes: [480, 960]) } } } } }""",
    "search": """{ search(query: "story") {
      ... on StoryPage { title posterImage { url rendition(width: 640) { url } } } } }""",
    "snippets": """{ snippets { ... on AwardRecipient { name photo { url rendition(width: 480) { url } } } } }""",
    "images": """{ images(limit: 100) { url alt rendition(width: 640) { url } } }""",
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_costs_the_same_queries_at_5_and_at_40_items(campaign, gql, name: str) -> None:
    counts = []
    for added in (5, 35):
        make_stories(campaign, added)
        for _ in range(added):
            AwardRecipientFactory(photo=ImageFactory())
        counts.append(count(gql, LISTS[name]))
    answer = gql(LISTS[name])
    items = answer.get("page", {}).get("children") if "page" in answer else next(iter(answer.values()))
    assert len(items) >= 40
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at 5 items, {counts[1]} at 40"
