"""Cached public answers: served without the database, revalidated by ETag, dropped when content changes."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cms.generation import content_changed
from cms.graphql import pipeline
from cms.models import DistrictSettings
from tests.factories import AwardRecipientFactory, ContactOfficeFactory, ImageFactory, StoryPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_on")]

STORIES = "{ stories { title status } }"


@pytest.fixture
def cache_on():
    with override_settings(GRAPHQL_CACHE_SECONDS=300):
        yield


def get(client: Client, query: str, **headers):
    return client.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json", **headers)


def titles(client: Client) -> list[str]:
    return [story["title"] for story in get(client, STORIES).json()["data"]["stories"]]


def s_maxage(response) -> int:
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"])[1])


def test_a_repeated_query_is_answered_from_the_cache(client: Client, campaign) -> None:
    StoryPageFactory(parent=campaign, title="Ada's story")
    first = get(client, STORIES)
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=300, stale-while-revalidate=30"
    with CaptureQueriesContext(connection) as queries:
        again = get(client, STORIES)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert len(queries) == 0


def test_an_unchanged_answer_is_a_304(client: Client, campaign) -> None:
    first = get(client, STORIES)
    assert re.fullmatch(r'"[0-9a-f]{32}"', first["ETag"])
    revalidated = get(client, STORIES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert revalidated["ETag"] == first["ETag"]
    assert get(client, STORIES, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_publishing_and_unpublishing_drop_cached_answers(client: Client, campaign) -> None:
    assert titles(client) == []
    story = StoryPageFactory(parent=campaign, title="Ada's story")
    assert titles(client) == ["Ada's story"]
    story.unpublish()
    assert titles(client) == []


@pytest.mark.parametrize(
    "edit",
    [
        lambda: ContactOfficeFactory(name="Grants Office"),
        lambda: DistrictSettings.for_site(Site.objects.get(is_default_site=True)).save(),
        lambda: ImageFactory(title="A new image"),
    ],
    ids=["snippet", "settings", "image"],
)
def test_snippet_settings_and_image_changes_drop_cached_answers(client: Client, campaign, edit) -> None:
    query = "{ contactOffices { name } images { title } }"
    get(client, query)
    with CaptureQueriesContext(connection) as cached:
        get(client, query)
    assert len(cached) == 0
    edit()
    with CaptureQueriesContext(connection) as fresh:
        get(client, query)
    assert len(fresh) > 0


def test_an_answer_is_kept_no_longer_than_the_next_premiere(client: Client, campaign) -> None:
    StoryPageFactory(parent=campaign, premiere_at=timezone.now() + datetime.timedelta(seconds=40))
    assert 0 < s_maxage(get(client, STORIES)) <= 40


def test_mutations_sessions_and_tokens_are_never_cached(client: Client, campaign) -> None:
    mutation = 'mutation { submitInterestForm(slug: "none", values: []) { ok } }'
    response = client.post("/graphql/", json.dumps({"query": mutation}), content_type="application/json")
    assert response["Cache-Control"] == "private, no-store"
    status = client.post(
        "/graphql/",
        json.dumps({"query": '{ letterOfSupportStatus(token: "abc") { status } }'}),
        content_type="application/json",
    )
    assert status["Cache-Control"] == "private, no-store"

    client.force_login(get_user_model().objects.create_user("editor", "e@example.org", "x"))
    get(client, STORIES)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, STORIES)
    assert response["Cache-Control"] == "no-cache" and len(queries) > 0


def test_answers_with_errors_are_not_cached(client: Client, campaign) -> None:
    bad = '{ stories(order: "password") { title } }'
    assert get(client, bad).json()["errors"]
    assert get(client, bad)["Cache-Control"] == "no-cache"


def test_an_answer_is_kept_no_longer_than_the_next_scheduled_go_live(client: Client, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="soon")
    story.unpublish()
    story.go_live_at = timezone.now() + datetime.timedelta(seconds=50)
    story.save_revision().publish()  # a future go-live only schedules it
    first = get(client, STORIES)
    assert first.json()["data"]["stories"] == [] and 0 < s_maxage(first) <= 50


def test_an_answer_is_kept_no_longer_than_the_next_snippet_expiry_or_go_live(client: Client, campaign) -> None:
    AwardRecipientFactory(expire_at=timezone.now() + datetime.timedelta(seconds=45))
    assert 40 < s_maxage(get(client, STORIES)) <= 45
    soon = AwardRecipientFactory(live=False)
    soon.go_live_at = timezone.now() + datetime.timedelta(seconds=30)
    soon.save_revision().publish()  # a future go-live only schedules it
    assert 25 < s_maxage(get(client, STORIES)) <= 30


def test_a_go_live_the_worker_applies_drops_the_kept_answer(client: Client, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="due", title="Due story")
    story.unpublish()
    story.go_live_at = timezone.now() + datetime.timedelta(days=1)
    story.save_revision().publish()
    assert titles(client) == []
    revision = story.get_latest_revision()
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])  # its time has come, with no page edit
    call_command("run_worker", stdout=io.StringIO())
    assert titles(client) == ["Due story"]


def test_a_public_answer_sets_no_cookie_and_varies_only_by_accept_and_origin(client: Client, campaign) -> None:
    first = get(client, STORIES)
    assert "Set-Cookie" not in first and not first.cookies
    assert first["Vary"] == "Accept, Origin" and first["Cache-Control"].startswith("public")
    again = get(client, STORIES)
    assert "Set-Cookie" not in again and again["Vary"] == "Accept, Origin"


def test_an_edit_made_while_an_answer_is_worked_out_leaves_it_unread(client: Client, campaign, monkeypatch) -> None:
    StoryPageFactory(parent=campaign, title="Ada's story")
    run = pipeline.run

    def run_while_an_editor_publishes(*args, **kwargs):
        execution = run(*args, **kwargs)
        content_changed()
        return execution

    monkeypatch.setattr(pipeline, "run", run_while_an_editor_publishes)
    get(client, STORIES)
    monkeypatch.setattr(pipeline, "run", run)
    with CaptureQueriesContext(connection) as queries:
        get(client, STORIES)
    assert len(queries) > 0, "the answer worked out before the edit was served after it"


@pytest.mark.parametrize(
    "query",
    [
        "query($t: String!) { letterOfSupportStatus(token , : $t) { status } }",
        "query($t: String!) { letterOfSupportStatus(token # kept secret\n : $t) { status } }",
        "query($t: String!) { ...S } fragment S on Query { letterOfSupportStatus(token: $t) { status } }",
    ],
)
def test_an_answer_to_a_token_is_never_shared_however_the_argument_is_written(client: Client, query: str) -> None:
    body = json.dumps({"query": query, "variables": {"t": "no-such-token"}})
    with override_settings(INTAKE_STATUS_RATE="2/m"):
        first, second, third = (client.post("/graphql/", body, content_type="application/json") for _ in range(3))
    assert first.json() == {"data": {"letterOfSupportStatus": None}}
    assert first["Cache-Control"] == second["Cache-Control"] == "private, no-store"
    assert third.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"  # each asking counts
