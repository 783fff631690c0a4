"""Arguments that would reach the database malformed are refused in words, coded as the client's to fix."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            '{ page(id: "-created_at") { title } }',
            "`id` must be a whole number (a database id), or one with the locale a fallback was served in, "
            "as in '12:es'; got '-created_at'.",
        ),
        ('{ collections(id: "x") { name } }', "`id` must be a whole number (a database id); got 'x'."),
        # A digit to str.isdigit(), not to int().
        (
            '{ page(id: "²") { title } }',
            "`id` must be a whole number (a database id), or one with the locale a fallback was served in, "
            "as in '12:es'; got '²'.",
        ),
        ("{ tag { id } }", "`tag` needs the `id` of the tag to return, e.g. tag(id: 1)."),
        (
            '{ pages(site: "localhost:pk") { title } }',
            "`site` must be a host name, optionally with ':port'; got 'localhost:pk'.",
        ),
        ('{ sites(searchQuery: "x") { hostname } }', "`searchQuery` is not available on `sites`."),
        ('{ sites(order: "created_at") { hostname } }', "`sites` cannot be ordered by 'created_at'."),
        (
            '{ awardOfTheMonth(at: "9999-12-31T23:59:59") { month } }',
            "`at` must fall between the years 1900 and 2200; got 9999-12-31T23:59:59.",
        ),
    ],
)
def test_malformed_arguments_are_refused_in_words(graphql, home, query: str, message: str) -> None:
    error = graphql(query)["errors"][0]
    assert error["message"] == message
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


def test_an_explicit_null_limit_means_the_default(gql, home) -> None:
    assert gql("{ upcomingStories(limit: null) { title } display(upcomingLimit: null) { upcoming { title } } }") == {
        "upcomingStories": [],
        "display": {"upcoming": []},
    }
