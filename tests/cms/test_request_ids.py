"""Every answer carries X-Request-ID, a 500 from Django's own handler too, and a malformed request is a 4xx."""

from __future__ import annotations

import json

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault of the server's own")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_djangos_own_500_page_carries_a_request_id() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert len(response["X-Request-ID"]) == 32
    assert client.get("/broken/", HTTP_X_REQUEST_ID="edge-42")["X-Request-ID"] == "edge-42"


def test_pages_and_graphql_answers_name_the_callers_request_id(client: Client, home) -> None:
    assert client.get("/", HTTP_X_REQUEST_ID="edge-7")["X-Request-ID"] == "edge-7"
    assert client.get("/no-such-page/", HTTP_X_REQUEST_ID="edge-8")["X-Request-ID"] == "edge-8"
    answer = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_X_REQUEST_ID="edge-9")
    assert answer["X-Request-ID"] == "edge-9"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"query": ["{ __typename }"]}, "`query` must be a string when it is sent; got an array."),
        ({"query": {"text": "{ __typename }"}}, "`query` must be a string when it is sent; got an object."),
        ({"query": 7}, "`query` must be a string when it is sent; got a number."),
        ({"query": "{ __typename }", "variables": 0}, "`variables` must be an object when it is sent; got a number."),
        (
            {"query": "{ __typename }", "variables": False},
            "`variables` must be an object when it is sent; got a boolean.",
        ),
        (
            {"query": "{ __typename }", "extensions": "x"},
            "`extensions` must be an object when it is sent; got a string.",
        ),
        (
            {"query": "{ __typename }", "extensions": []},
            "`extensions` must be an object when it is sent; got an array.",
        ),
        ({"query": "{ __typename }", "variables": [1]}, "`variables` must be an object when it is sent; got an array."),
        (
            {"query": "{ __typename }", "operationName": 1},
            "`operationName` must be a string when it is sent; got a number.",
        ),
    ],
)
def test_a_parameter_of_the_wrong_json_type_is_a_400_in_words(client: Client, body: dict, message: str) -> None:
    response = client.post("/graphql/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content
    error = response.json()["errors"][0]
    assert error == {"message": message, "extensions": {"code": "BAD_REQUEST"}}
    assert response["X-Request-ID"]
