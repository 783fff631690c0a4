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


@pytest.mark.django_db
@pytest.mark.parametrize("separator", [" ", "\n\t"])
def test_a_search_of_too_many_terms_is_refused_in_words(campaign, graphql, separator: str) -> None:
    StoryPageFactory(parent=campaign, slug="calendar-story", title="The calendar story")
    terms = separator.join(f"word{n}" for n in range(1000))
    for query in (
        "query($q: String!) { search(query: $q) { __typename } }",
        "query($q: String) { stories(searchQuery: $q) { title } }",
    ):
        error = graphql(query, {"q": terms})["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert error["message"] == "A search may have at most 32 terms (words apart); this one has 1000."


@pytest.mark.django_db
def test_a_search_of_many_words_within_the_limit_is_answered(campaign, gql) -> None:
    StoryPageFactory(parent=campaign, slug="calendar-story", title="The calendar story")
    words = " ".join(["calendar"] * 32)
    assert gql("query($q: String!) { search(query: $q) { __typename } }", {"q": words})["search"]
    assert gql("query($q: String) { stories(searchQuery: $q) { title } }", {"q": words})["stories"]
