"""Limits on a query's shape: spec validation, tokens, aliases, cost, introspection; validated queries are reused."""

from __future__ import annotations

import json
import time

import pytest
from django.test import override_settings

from cms.graphql.documents import checked_document
from cms.graphql.http import GRAPHQL_RESPONSE

pytestmark = pytest.mark.django_db


def first_error(graphql, query: str, variables: dict | None = None) -> dict:
    body = graphql(query, variables)
    assert body.get("data") is None, body
    return body["errors"][0]


def test_the_specs_validation_is_on(graphql) -> None:
    assert first_error(graphql, "{ nope }")["message"] == "Cannot query field 'nope' on type 'Query'."
    error = first_error(graphql, '{ stories(limit: "ten") { title } }')
    assert error["message"] == "Expected value of type 'PositiveInt', found \"ten\"."
    error = first_error(graphql, "{ stories(limit: -1) { title } }")
    assert error["message"] == "Expected value of type 'PositiveInt', found -1."
    error = first_error(graphql, "query($x: Int) { stories { title } }")
    assert error["message"] == "Variable '$x' is never used."


@override_settings(GRAPHQL_MAX_TOKENS=10)
def test_a_query_with_too_many_tokens_is_refused(graphql) -> None:
    assert graphql("{ stories { title summary } }")["data"]["stories"] == []
    error = first_error(graphql, "{ stories { title summary studentNames monthLabel slug urlPath seoTitle } }")
    assert error["message"] == "Syntax Error: Document contains more than 10 tokens. Parsing aborted."


@override_settings(GRAPHQL_MAX_ALIASES=3)
def test_too_many_aliases_are_refused(graphql) -> None:
    three = "{ a: stories { title } b: stories { title } c: stories { title } }"
    assert "errors" not in graphql(three)
    error = first_error(graphql, "{ a: stories { title } b: stories { title } c: stories { title } d: __typename }")
    assert error["message"] == "The query uses 4 aliases; the limit (GRAPHQL_MAX_ALIASES) is 3."
    assert error["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 3, "found": 4}


@override_settings(GRAPHQL_MAX_COST=250)
def test_a_query_over_the_cost_limit_is_refused_with_its_figure(graphql) -> None:
    # stories(limit: 10): 1 + 10 x (title + summary) = 21.
    assert "errors" not in graphql("{ stories(limit: 10) { title summary } }")
    error = first_error(graphql, "{ stories(limit: 100) { title summary posterImage { title alt } } }")
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 250, "cost": 1 + 100 * 5}
    assert error["message"].startswith("The query's cost is 501; the limit (GRAPHQL_MAX_COST) is 250.")


@override_settings(GRAPHQL_MAX_COST=250)
def test_lists_count_at_their_largest_when_the_size_is_not_known(graphql) -> None:
    # A variable `limit` may be as large as MAX_PAGE_SIZE (100); no `limit` means PAGE_SIZE (20).
    error = first_error(graphql, "query($n: PositiveInt) { stories(limit: $n) { title summary slug } }", {"n": 2})
    assert error["extensions"]["cost"] == 1 + 100 * 3
    error = first_error(
        graphql,
        "{ a: stories { title summary slug } b: stories { title summary slug } "
        "c: stories { title summary slug } d: stories { title summary slug } e: stories { title } }",
    )
    assert error["extensions"]["cost"] == 4 * (1 + 20 * 3) + (1 + 20)


@override_settings(GRAPHQL_MAX_COST=100)
def test_fragments_count_too(graphql) -> None:
    query = """{ stories(limit: 50) { ...Card } }
    fragment Card on StoryPage { title summary }"""
    assert first_error(graphql, query)["extensions"]["cost"] == 1 + 50 * 2


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_introspection_can_be_switched_off_but_typename_still_works(gql, graphql) -> None:
    error = first_error(graphql, "{ __schema { queryType { name } } }")
    assert "introspection" in error["message"].lower()
    assert "__type" in first_error(graphql, '{ __type(name: "StoryPage") { name } }')["message"]
    assert gql("{ __typename stories { __typename } }") == {"__typename": "Query", "stories": []}


def test_a_repeated_query_is_parsed_and_validated_once(gql) -> None:
    query = "{ stories(limit: 3) { title slug } }"
    checked_document.cache_clear()
    gql(query)
    gql(query)
    gql(query)
    info = checked_document.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    with override_settings(GRAPHQL_MAX_DEPTH=11):
        gql(query)  # a changed limit is a new verdict
    assert checked_document.cache_info().misses == 2


def fan_out(count: int) -> str:
    """An anonymous query whose `count` fragments each spread the next one twice: 2**count expansions."""
    fragments = "".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}\n" for n in range(count))
    return "{ ...F0 }\n" + fragments + f"fragment F{count} on Query {{ __typename }}"


def test_fragment_fan_out_is_checked_in_linear_time(graphql) -> None:
    query = fan_out(22)
    assert len(query) < 1000
    start = time.perf_counter()
    error = first_error(graphql, query)
    assert time.perf_counter() - start < 1.0
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] == 2**22


def test_fragment_depth_counts_through_spreads_once_each(graphql) -> None:
    fragments = "".join(f"fragment D{n} on PageInterface {{ children {{ ...D{n + 1} }} }}\n" for n in range(14))
    error = first_error(graphql, "{ page(id: 1) { ...D0 } }\n" + fragments + "fragment D14 on PageInterface { id }")
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 12, "depth": 15}
    assert error["message"].startswith("'anonymous' exceeds maximum operation depth of 12")


def test_a_fragment_cycle_or_an_undefined_fragment_is_a_validation_error(client) -> None:
    for query, message in (
        ("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", "Cannot spread fragment 'A' within"),
        ("{ ...Nope }", "Unknown fragment 'Nope'."),
        ("{ page(id: 1) { ...A } } fragment A on PageInterface { children { ...A } }", "Cannot spread fragment 'A'"),
    ):
        response = client.post(
            "/graphql/", json.dumps({"query": query}), content_type="application/json", HTTP_ACCEPT=GRAPHQL_RESPONSE
        )
        assert response.status_code == 400, response.content
        assert response["X-Request-ID"]
        error = response.json()["errors"][0]
        assert error["message"].startswith(message)
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
