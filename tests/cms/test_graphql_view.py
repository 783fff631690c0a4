"""The project's GraphQL endpoint: methods, content types, limits, errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.test.utils import override_settings

from stories.models import CampaignIndexPage


@pytest.mark.django_db
def test_get_query(client: Client, campaign) -> None:
    response = client.get("/graphql/", {"query": '{ page(slug: "better-together") { title } }'})
    assert response.status_code == 200
    assert response.json() == {"data": {"page": {"title": "Better Together"}}}
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_json_post_with_variables(client: Client, campaign) -> None:
    response = client.post(
        "/graphql/",
        json.dumps({"query": "query($s: String) { page(slug: $s) { title } }", "variables": {"s": "better-together"}}),
        content_type="application/json",
    )
    assert response.json() == {"data": {"page": {"title": "Better Together"}}}


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain", "application/graphql"])
def test_posts_that_are_not_json_are_refused(client: Client, content_type: str) -> None:
    response = client.post("/graphql/", "query={__typename}", content_type=content_type)
    assert response.status_code == 415
    assert response.json()["errors"][0]["message"] == (f"POST bodies must be 'application/json'; got '{content_type}'.")


@pytest.mark.django_db
def test_a_post_body_wins_over_the_url(client: Client, campaign) -> None:
    response = client.post(
        "/graphql/?query={__typename}",
        json.dumps({"query": 'query Named { page(slug: "better-together") { title } }', "operationName": "Named"}),
        content_type="application/json",
    )
    assert response.json() == {"data": {"page": {"title": "Better Together"}}}


@pytest.mark.django_db
def test_other_methods_are_refused(client: Client) -> None:
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


@pytest.mark.django_db
@override_settings(GRAPHQL_MAX_BODY_BYTES=100, GRAPHQL_MAX_MUTATION_BODY_BYTES=300)
def test_oversized_body_is_refused(client: Client) -> None:
    body = json.dumps({"query": "{ __typename }" + " " * 200})
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == (
        "Request body is larger than the limit of 100 bytes (300 bytes for a mutation)."
    )


@pytest.mark.django_db
@override_settings(GRAPHQL_MAX_BODY_BYTES=100, GRAPHQL_MAX_MUTATION_BODY_BYTES=300)
def test_a_mutation_may_be_larger_than_a_query_but_not_unbounded(client: Client) -> None:
    mutation = 'mutation { submitInterestForm(slug: "nowhere", values: []) { ok } }'
    within = client.post("/graphql/", json.dumps({"query": mutation + " " * 150}), content_type="application/json")
    assert within.status_code == 200
    assert within.json()["data"]["submitInterestForm"]["ok"] is False
    beyond = client.post("/graphql/", json.dumps({"query": mutation + " " * 400}), content_type="application/json")
    assert beyond.status_code == 413
    # A query hidden beside a mutation gets only the query limit.
    mixed = json.dumps({"query": mutation + " query Q { __typename }" + " " * 100, "operationName": "Q"})
    assert client.post("/graphql/", mixed, content_type="application/json").status_code == 413


@pytest.mark.django_db
def test_query_deeper_than_the_limit_is_refused(graphql) -> None:
    nested = "{ pages { " + "children { " * 14 + "title" + " }" * 14 + " } }"
    body = graphql(nested)
    assert "exceeds maximum operation depth of 12" in body["errors"][0]["message"]
    assert body.get("data") is None


@pytest.mark.django_db
def test_malformed_json_gets_a_clear_error(client: Client) -> None:
    response = client.post("/graphql/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "POST body sent invalid JSON."


@pytest.mark.django_db
def test_syntax_error_names_the_place(graphql) -> None:
    body = graphql("{ pages { title }")
    assert body["errors"][0]["message"].startswith("Syntax Error")


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["owner__password", "title,-path__startswith", "live_revision"])
def test_order_accepts_only_allow_listed_fields(graphql, order: str) -> None:
    body = graphql("query($o: String) { pages(order: $o) { title } }", {"o": order})
    assert body["errors"][0]["message"].startswith("Cannot order by ")
    assert "`order` accepts a comma-separated list of" in body["errors"][0]["message"]


@pytest.mark.django_db
def test_order_by_allowed_fields(campaign, gql) -> None:
    data = gql('{ pages(order: "-title, id") { title } }')
    assert [p["title"] for p in data["pages"]] == ["Home", "Better Together"]


@pytest.mark.django_db
def test_internal_errors_are_masked_with_a_request_id(campaign, client: Client, monkeypatch) -> None:
    def explode(self, *args, **kwargs):
        raise RuntimeError("secret internals: /etc/passwd")

    monkeypatch.setattr(CampaignIndexPage, "graphql_stories", explode)
    response = client.post(
        "/graphql/",
        json.dumps({"query": '{ page(slug: "better-together") { ... on CampaignIndexPage { stories { title } } } }'}),
        content_type="application/json",
        HTTP_X_REQUEST_ID="req-123",
    )
    error = response.json()["errors"][0]
    assert "secret" not in json.dumps(response.json())
    assert error["message"] == "Internal error while resolving 'page.stories'. Request id: req-123."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-123"}
    assert response["X-Request-ID"] == "req-123"


@pytest.mark.django_db
def test_graphiql_is_served_from_local_assets(client: Client) -> None:
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/graphene_django_graphiql_static/graphiql.min.js" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html


@pytest.mark.django_db
def test_graphiql_assets_are_served(client: Client) -> None:
    response = client.get("/static/graphene_django_graphiql_static/graphiql.min.js")
    assert response.status_code == 200


@pytest.mark.django_db
def test_cors_allows_configured_frontends_only(client: Client, settings) -> None:
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example.org"]
    allowed = client.options(
        "/graphql/", HTTP_ORIGIN="https://www.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://www.example.org"
    other = client.options("/graphql/", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "Access-Control-Allow-Origin" not in other


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/graphql", None])
def test_a_get_works_whatever_content_type_it_carries(client: Client, campaign, content_type: str | None) -> None:
    # Apollo Client sends Content-Type: application/json with its GET queries.
    headers = {"CONTENT_TYPE": content_type} if content_type else {}
    response = client.get("/graphql/", {"query": '{ page(slug: "better-together") { title } }'}, **headers)
    assert response.status_code == 200
    assert response.json() == {"data": {"page": {"title": "Better Together"}}}


GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
    ],
)
def test_the_answer_media_type_follows_accept(client: Client, campaign, accept: str, media_type: str) -> None:
    response = client.get("/graphql/", {"query": '{ page(slug: "better-together") { title } }'}, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == media_type
    assert json.loads(response.content) == {"data": {"page": {"title": "Better Together"}}}


@pytest.mark.django_db
def test_an_accept_the_server_cannot_meet_gets_406(client: Client) -> None:
    response = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"query": "{ page(slug: "}, 400, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ noSuchField }"}, 400, "GRAPHQL_VALIDATION_FAILED"),
        ({}, 400, "BAD_REQUEST"),
        ({"query": "mutation { __typename }"}, 405, "METHOD_NOT_ALLOWED"),
    ],
)
def test_graphql_response_json_request_errors_are_4xx(client: Client, params: dict, status: int, code: str) -> None:
    response = client.get("/graphql/", params, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    assert response.status_code == status
    assert response["Content-Type"].split(";")[0] == GRAPHQL_RESPONSE
    body = json.loads(response.content)
    assert "data" not in body and body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"query": "{ page(slug: "}, 200, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ noSuchField }"}, 200, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "query($n: Int!) { __typename }", "variables": '{"n": "x"}'}, 200, "GRAPHQL_VALIDATION_FAILED"),
        ({}, 400, "BAD_REQUEST"),
    ],
)
def test_application_json_request_errors_are_200_unless_the_request_is_malformed(
    client: Client, params: dict, status: int, code: str
) -> None:
    response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert response.status_code == status
    assert response["Content-Type"].split(";")[0] == "application/json"
    body = json.loads(response.content)
    assert "data" not in body and body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == code


@pytest.mark.django_db
def test_graphql_response_json_execution_errors_are_200_with_errors(client: Client) -> None:
    response = client.get("/graphql/", {"query": '{ page(id: "abc") { title } }'}, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["data"] == {"page": None} and body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.django_db
@override_settings(GRAPHQL_CACHE_SECONDS=300)
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
def test_etag_304_and_cache_for_each_media_type(client: Client, campaign, accept: str) -> None:
    params = {"query": '{ page(slug: "better-together") { title } }'}
    first = client.get("/graphql/", params, HTTP_ACCEPT=accept, CONTENT_TYPE="application/json")
    assert first.status_code == 200 and first["Content-Type"].split(";")[0] == accept
    assert first["Cache-Control"].startswith("public") and "Accept" in first["Vary"]
    again = client.get("/graphql/", params, HTTP_ACCEPT=accept)
    assert again.status_code == 200 and again["Content-Type"].split(";")[0] == accept
    assert again.content == first.content and again["ETag"] == first["ETag"]
    not_modified = client.get("/graphql/", params, HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304


@pytest.mark.django_db
@override_settings(GRAPHQL_CACHE_SECONDS=300)
def test_the_two_media_types_are_cached_apart(client: Client, campaign) -> None:
    params = {"query": '{ page(slug: "better-together") { title } }'}
    plain = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    spec = client.get("/graphql/", params, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    spec_again = client.get("/graphql/", params, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    plain_again = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert plain["ETag"] != spec["ETag"]
    assert spec_again["Content-Type"].split(";")[0] == GRAPHQL_RESPONSE and spec_again["ETag"] == spec["ETag"]
    assert plain_again["Content-Type"].split(";")[0] == "application/json" and plain_again["ETag"] == plain["ETag"]
    assert (
        client.get("/graphql/", params, HTTP_ACCEPT=GRAPHQL_RESPONSE, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code
        == 200
    )
