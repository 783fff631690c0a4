"""Frontend previews: a signed token shows one draft to a frontend, for an hour, and is never cached."""

from __future__ import annotations

import datetime
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

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


@pytest.fixture
def upcoming_story(campaign):
    """A story premiering next week: its full text and video are not public yet."""
    return StoryPageFactory(
        parent=campaign,
        slug="premiere",
        title="Premiere",
        body="<p>The whole story, for the premiere.</p>",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        transcript="<p>Everything said in the video.</p>",
        premiere_at=timezone.now() + datetime.timedelta(days=7),
    )


UPCOMING = """query($t: String) { page(token: $t) { isPreview ... on StoryPage { status body video { url } } } }"""


def test_a_preview_shows_an_upcoming_story_as_it_will_be_once_it_premieres(gql, upcoming_story) -> None:
    preview = gql(UPCOMING, {"t": make_token(upcoming_story)})["page"]
    assert preview == {
        "isPreview": True,
        "status": "UPCOMING",
        "body": "<p>The whole story, for the premiere.</p>",
        "video": {"url": "https://www.youtube.com/watch?v=abcdefghijk"},
    }
    public = gql('{ page(slug: "premiere") { isPreview ... on StoryPage { body video { url } } } }')["page"]
    assert public == {"isPreview": False, "body": None, "video": None}


@override_settings(GRAPHQL_CACHE_SECONDS=300)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_token_answers_are_never_stored_nor_revalidated(client, story_with_draft, method) -> None:
    token = make_token(story_with_draft)
    send = client.get if method == "GET" else client.post
    args = {"query": BY_TOKEN, "variables": json.dumps({"t": token})}
    if method == "POST":
        args = json.dumps({"query": BY_TOKEN, "variables": {"t": token}})
    kwargs = {"content_type": "application/json"} if method == "POST" else {"HTTP_ACCEPT": "application/json"}
    first = send("/graphql/", args, **kwargs)
    assert first.json()["data"]["page"]["title"] == "Ada's story (draft)"
    assert first["Cache-Control"] == "private, no-store"
    assert "ETag" not in first
    # A newer draft under a new token, and the old token still names the old one: nothing was kept.
    story_with_draft.title = "Ada's story (second draft)"
    story_with_draft.save_revision()
    assert send("/graphql/", args, **kwargs).json()["data"]["page"]["title"] == "Ada's story (draft)"
    newer = {"query": BY_TOKEN, "variables": {"t": make_token(story_with_draft)}}
    newer_args = json.dumps(newer) if method == "POST" else {**newer, "variables": json.dumps(newer["variables"])}
    assert send("/graphql/", newer_args, **kwargs).json()["data"]["page"]["title"] == "Ada's story (second draft)"


@override_settings(GRAPHQL_CACHE_SECONDS=300)
def test_a_persisted_query_with_the_token_in_a_variable_is_not_cached(client, story_with_draft) -> None:
    import hashlib

    digest = hashlib.sha256(BY_TOKEN.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    variables = json.dumps({"t": make_token(story_with_draft)})
    client.get("/graphql/", {"query": BY_TOKEN, "extensions": extensions, "variables": variables})
    response = client.get("/graphql/", {"extensions": extensions, "variables": variables})
    assert response.json()["data"]["page"]["title"] == "Ada's story (draft)"
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


# The admin's "Frontend" preview, as an editor uses it: the edit form posted to the preview view, then the
# preview opened in that mode.


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def set_frontend(url: str) -> None:
    district = DistrictSettings.for_site(Site.objects.get(is_default_site=True))
    district.frontend_base_url = url
    district.save()


def open_frontend_preview(admin_client: Client, story, **changes: str):
    """Post the story's edit form with `changes` (unsaved) to the preview view and open its Frontend mode."""
    fields = {
        "title": story.title,
        "slug": story.slug,
        "summary": story.summary,
        "month": story.month.isoformat(),
        "premiere_at": timezone.localtime(story.premiere_at).strftime("%Y-%m-%d %H:%M"),
        "body": rich_text(story.body),
        "video_url": story.video_url,
        "transcript": rich_text(story.transcript),
        "caption_tracks": inline_formset([]),
        "comments": inline_formset([]),
        **changes,
    }
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    posted = admin_client.post(url, nested_form_data(fields))
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    return admin_client.get(url, {"mode": "frontend"})


def test_without_a_frontend_the_preview_is_the_project_s_own_rendering_of_the_draft(admin_client, upcoming_story):
    set_frontend("")
    response = open_frontend_preview(admin_client, upcoming_story, title="Premiere (unsaved title)")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Premiere (unsaved title)</h1>" in html
    assert "The whole story, for the premiere." in html
    assert "No frontend is set" in html


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_frontend_that_does_not_answer_falls_back_to_the_project_s_rendering(admin_client, upcoming_story):
    set_frontend(f"http://127.0.0.1:{closed_port()}")
    html = open_frontend_preview(admin_client, upcoming_story).content.decode()
    assert "The whole story, for the premiere." in html
    assert "did not answer" in html


class FrontendHandler(BaseHTTPRequestHandler):
    """A frontend that answers every page, recording what it was asked."""

    asked: list[str] = []

    def do_GET(self) -> None:
        FrontendHandler.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!DOCTYPE html><title>Frontend</title>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def frontend() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FrontendHandler)
    FrontendHandler.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_frontend_that_answers_gets_the_editor_with_a_token_for_the_unsaved_draft(
    admin_client, upcoming_story, frontend, gql, monkeypatch
) -> None:
    monkeypatch.setattr("cms.preview.drafts_reach_every_process", lambda: True)
    set_frontend(frontend)
    response = open_frontend_preview(admin_client, upcoming_story, title="Premiere (unsaved title)")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{frontend}/better-together/premiere/"
    assert FrontendHandler.asked and FrontendHandler.asked[0].startswith("/better-together/premiere/?preview_token=")
    token = parse_qs(location.query)["preview_token"][0]
    query = "query($t: String) { page(token: $t) { title isPreview } }"
    assert gql(query, {"t": token})["page"] == {"title": "Premiere (unsaved title)", "isPreview": True}
    # The verdict is kept briefly: the next preview does not ask the frontend again.
    open_frontend_preview(admin_client, upcoming_story)
    assert len(FrontendHandler.asked) == 1


def test_the_demo_preview_works_out_of_the_box(seeded, admin_client) -> None:
    from stories.models import StoryPage

    story = StoryPage.objects.get(slug="2023-06-class-of-2023", locale__language_code="en")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    fields = {
        "title": "Class of 2023 (draft)",
        "slug": story.slug,
        "summary": story.summary,
        "month": story.month.isoformat(),
        "body": rich_text("<p>Draft text.</p>"),
        "transcript": rich_text(""),
        "caption_tracks": inline_formset([]),
        "comments": inline_formset([]),
    }
    assert admin_client.post(url, nested_form_data(fields)).json()["is_valid"]
    default = admin_client.get(url).content.decode()
    assert "<h1>Class of 2023 (draft)</h1>" in default and "Draft text." in default


def test_without_a_shared_cache_the_frontend_gets_the_latest_saved_revision(
    admin_client, upcoming_story, frontend, gql, settings
) -> None:
    # The in-process cache of one app server process is not read by the others: the draft must be saved.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    set_frontend(frontend)
    response = open_frontend_preview(admin_client, upcoming_story, title="Premiere (unsaved title)")
    token = parse_qs(urlparse(response["Location"]).query)["preview_token"][0]
    query = "query($t: String) { page(token: $t) { title isPreview } }"
    assert gql(query, {"t": token})["page"] == {"title": "Premiere", "isPreview": True}


def test_a_page_not_saved_yet_is_previewed_in_the_project_s_rendering(admin_client, campaign, frontend) -> None:
    set_frontend(frontend)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["stories", "storypage", campaign.pk])
    fields = {
        "title": "Brand new",
        "slug": "brand-new",
        "summary": "Teaser.",
        "month": "2031-01-01",
        "body": rich_text("<p>Draft text.</p>"),
        "transcript": rich_text(""),
        "caption_tracks": inline_formset([]),
        "comments": inline_formset([]),
    }
    assert admin_client.post(url, nested_form_data(fields)).json()["is_valid"]
    html = admin_client.get(url, {"mode": "frontend"}).content.decode()
    assert "<h1>Brand new</h1>" in html and "This page is not saved yet" in html
    assert FrontendHandler.asked == []
