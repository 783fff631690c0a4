"""Frontend previews: a signed token shows one draft to a frontend, for an hour, and is never cached."""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory, override_settings

from cms.models import DistrictSettings
from cms.preview import make_token
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

BY_TOKEN = "query($t: String) { page(token: $t) { title ... on StoryPage { summary } } }"
BY_SLUG = '{ page(slug: "ada") { title } }'


@pytest.fixture
def story_with_draft(campaign):
    story = StoryPageFactory(parent=campaign, slug="ada", title="Ada's story", summary="Published teaser.")
    story.title = "Ada's story (draft)"
    story.summary = "A new teaser."
    story.save_revision()
    return story


def test_a_token_shows_the_draft_and_the_public_still_sees_the_live_page(gql, story_with_draft) -> None:
    token = make_token(story_with_draft)
    assert gql(BY_TOKEN, {"t": token})["page"] == {"title": "Ada's story (draft)", "summary": "A new teaser."}
    assert gql(BY_SLUG)["page"] == {"title": "Ada's story"}


def test_a_never_published_page_can_be_previewed(gql, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="new", title="Not yet", live=False)
    assert gql('{ page(slug: "new") { title } }')["page"] is None
    assert gql(BY_TOKEN, {"t": make_token(story)})["page"]["title"] == "Not yet"


def test_a_token_expires(graphql, story_with_draft, monkeypatch) -> None:
    token = make_token(story_with_draft)
    later = time.time() + 3601
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    error = graphql(BY_TOKEN, {"t": token})["errors"][0]
    assert error["extensions"]["code"] == "PREVIEW_TOKEN_EXPIRED"
    assert error["message"] == "This preview token has expired; open the preview again in the admin."


def test_a_tampered_token_is_refused(graphql, story_with_draft) -> None:
    token = make_token(story_with_draft)
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert graphql(BY_TOKEN, {"t": forged})["errors"][0]["extensions"]["code"] == "PREVIEW_TOKEN_INVALID"


def test_the_frontend_preview_mode_sends_the_editor_to_the_frontend(story_with_draft, settings) -> None:
    request = RequestFactory().get("/admin/")
    assert ("frontend", "Frontend") in story_with_draft.preview_modes
    without = story_with_draft.serve_preview(request, "frontend")
    without.render()
    assert "page(token:" in without.content.decode()
    DistrictSettings.objects.update(frontend_base_url="https://www.example.org")
    redirect = story_with_draft.serve_preview(RequestFactory().get("/admin/"), "frontend")
    assert redirect.status_code == 302
    assert redirect["Location"].startswith("https://www.example.org/better-together/ada/?preview_token=")


@override_settings(GRAPHQL_CACHE_SECONDS=300)
def test_token_answers_are_never_cached(client, story_with_draft) -> None:
    query = f'{{ page(token: "{make_token(story_with_draft)}") {{ title }} }}'
    response = client.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json")
    assert response.json()["data"]["page"]["title"] == "Ada's story (draft)"
    assert response["Cache-Control"] == "no-cache"
