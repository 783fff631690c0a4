"""Every query in docs/queries.md runs on the demo content and returns data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from cms.preview import make_token
from stories.models import StoryPage

DOC = Path(settings.BASE_DIR) / "docs" / "queries.md"
QUERIES = re.findall(r"```graphql\n(.*?)```", DOC.read_text(), flags=re.S)


def test_the_document_has_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=[re.search(r"query (\w+)", q)[1] for q in QUERIES])
def test_documented_query_answers(seeded, gql, query: str) -> None:
    variables = {"status": "RELEASED", "school": "mount-tahoma"} if "$status" in query else {}
    if "$token" in query:
        variables = {"token": make_token(StoryPage.objects.get(slug="2023-05-kendy", locale__language_code="en"))}
    data = gql(query, variables)
    empty = [field for field, value in data.items() if value in (None, [], {})]
    assert empty == [], data
