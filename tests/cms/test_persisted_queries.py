"""Automatic persisted queries: register a query's hash once, then send the hash alone, by GET too."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

QUERY = "query Latest($n: PositiveInt) { stories(limit: $n) { title } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(digest: str = DIGEST) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def post(client: Client, body: dict):
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def test_an_unknown_hash_asks_for_the_query_then_the_hash_alone_works(client: Client) -> None:
    unknown = post(client, {"extensions": persisted(), "variables": {"n": 2}}).json()
    assert unknown["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"

    registered = post(client, {"query": QUERY, "extensions": persisted(), "variables": {"n": 2}}).json()
    assert registered == {"data": {"stories": []}}
    assert post(client, {"extensions": persisted(), "variables": {"n": 2}}).json() == {"data": {"stories": []}}


def test_the_hash_alone_makes_a_short_get_url(client: Client) -> None:
    post(client, {"query": QUERY, "extensions": persisted()})
    params = {"extensions": json.dumps(persisted()), "variables": json.dumps({"n": 1})}
    response = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json() == {"data": {"stories": []}}
    assert len(response.request["QUERY_STRING"]) < len(QUERY) + 160


def test_a_hash_that_does_not_match_the_query_is_refused(client: Client) -> None:
    wrong = hashlib.sha256(b"{ stories { slug } }").hexdigest()
    body = post(client, {"query": QUERY, "extensions": persisted(wrong)}).json()
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    # Nothing was stored under the wrong hash.
    assert post(client, {"extensions": persisted(wrong)}).json()["errors"][0]["message"] == "PersistedQueryNotFound"


@pytest.mark.parametrize(
    "extensions",
    [
        {"persistedQuery": {"version": 2, "sha256Hash": DIGEST}},
        {"persistedQuery": {"version": 1, "sha256Hash": "abc"}},
        {"persistedQuery": "yes"},
    ],
)
def test_a_malformed_persisted_query_is_explained(client: Client, extensions: dict) -> None:
    body = post(client, {"extensions": extensions}).json()
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_INVALID"


def test_extensions_in_a_url_must_be_json(client: Client) -> None:
    body = client.get("/graphql/", {"extensions": "{nope"}, HTTP_ACCEPT="application/json").json()
    assert body["errors"][0]["message"] == "`extensions` must be a JSON object."


def test_apollo_style_get_with_a_json_content_type(client: Client) -> None:
    """Apollo's link sends the hash alone by GET with Content-Type: application/json, then the text, then the hash."""
    params = {"operationName": "Latest", "variables": json.dumps({"n": 1}), "extensions": json.dumps(persisted())}
    headers = {"CONTENT_TYPE": "application/json", "HTTP_ACCEPT": "*/*"}
    unknown = client.get("/graphql/", params, **headers).json()
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    post(client, {"query": QUERY, "operationName": "Latest", "variables": {"n": 1}, "extensions": persisted()})
    response = client.get("/graphql/", params, **headers)
    assert response.status_code == 200 and response.json() == {"data": {"stories": []}}
