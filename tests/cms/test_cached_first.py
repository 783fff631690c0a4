"""A kept answer is served before the view and the rest of the middleware run, and reads exactly as one that
went the whole way: the same body and headers; a session, a preview token or GraphiQL's page still go through."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from cms.graphql.view import CMSGraphQLView
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

STORIES = "{ stories { title status } }"
PER_REQUEST = {"X-Request-ID", "Date"}


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def get(client: Client, **headers):
    return client.get("/graphql/", {"query": STORIES}, **{"HTTP_ACCEPT": "application/json", **headers})


def same_headers(response) -> dict[str, str]:
    """Every header but those of the request itself, with the seconds left of `s-maxage` put aside."""
    headers = {name: value for name, value in response.headers.items() if name not in PER_REQUEST}
    headers["Cache-Control"] = re.sub(r"s-maxage=\d+", "s-maxage=N", headers["Cache-Control"])
    return headers


@pytest.fixture
def view_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    dispatch = CMSGraphQLView.dispatch

    def counted(self, request, *args, **kwargs):
        calls.append(request.get_full_path())
        return dispatch(self, request, *args, **kwargs)

    monkeypatch.setattr(CMSGraphQLView, "dispatch", counted)
    return calls


def test_a_cached_answer_skips_the_view_and_reads_the_same(client: Client, campaign, view_calls) -> None:
    StoryPageFactory(parent=campaign, title="Ada's story")
    made = get(client, HTTP_ORIGIN="https://www.example.org")
    kept = get(client, HTTP_ORIGIN="https://www.example.org")
    assert len(view_calls) == 1
    assert kept.content == made.content and kept.status_code == made.status_code == 200
    assert same_headers(kept) == same_headers(made)
    assert "Set-Cookie" not in kept.headers and kept["Content-Language"] == "en"
    assert kept["X-Request-ID"] != made["X-Request-ID"]


def test_a_cached_answer_is_revalidated_without_the_view(client: Client, campaign, view_calls) -> None:
    made = get(client)
    assert get(client, HTTP_IF_NONE_MATCH=made["ETag"]).status_code == 304
    assert len(view_calls) == 1


def test_what_must_go_the_whole_way_still_does(client: Client, campaign, view_calls, admin_user) -> None:
    get(client)
    get(client, HTTP_ACCEPT="text/html")  # GraphiQL's page
    client.force_login(admin_user)
    assert get(client).status_code == 200  # an editor's session never reads a kept answer
    assert len(view_calls) == 3


def test_a_question_asked_again_is_read_once_and_each_form_keeps_its_own_answer(
    client: Client, campaign, view_calls, monkeypatch
) -> None:
    from cms.graphql import cached_first as kept

    kept.what_was_asked.cache_clear()
    reads: list[str] = []
    params_from = kept.params_from
    monkeypatch.setattr(kept, "params_from", lambda source: reads.append(source["query"]) or params_from(source))
    StoryPageFactory(parent=campaign, title="Ada's story")
    made = [get(client) for _ in range(3)]
    assert len(reads) == 1 and len(view_calls) == 1  # its parameters read and hashed once, then the kept answer
    assert {response.content for response in made} == {made[0].content}
    spec = get(client, HTTP_ACCEPT="application/graphql-response+json")  # another media type: another answer
    pretty = client.get("/graphql/", {"query": STORIES, "pretty": "1"}, HTTP_ACCEPT="application/json")
    other_host = get(client, HTTP_HOST="localhost")
    assert spec["Content-Type"].startswith("application/graphql-response+json") and b"\n" in pretty.content
    assert len(view_calls) == 4 and other_host.content == made[0].content  # each went the whole way once
