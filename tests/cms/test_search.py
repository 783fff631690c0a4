"""`search` answers every kind of thing it finds, documents included."""

from __future__ import annotations

import pytest

from tests.factories import DocumentFactory, StoryPageFactory


@pytest.mark.django_db
def test_a_document_among_the_hits_is_answered(campaign, gql) -> None:
    DocumentFactory(title="Printed calendar")
    StoryPageFactory(parent=campaign, slug="calendar-story", title="The calendar story")
    hits = gql("""{ search(query: "calendar") {
        __typename ... on DocumentObjectType { title } ... on StoryPage { title } } }""")["search"]
    assert {"__typename": "DocumentObjectType", "title": "Printed calendar"} in hits
    assert {"__typename": "StoryPage", "title": "The calendar story"} in hits
