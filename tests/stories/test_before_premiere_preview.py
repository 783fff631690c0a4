"""The story editor's "Before premiere" preview shows the teaser exactly as families see it until the premiere,
beside the normal preview (the story as it will be once it premieres)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.preview import make_token
from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

BY_TOKEN = """query($t: String) { page(token: $t) { ... on StoryPage { status summary body video { url } } } }"""


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


@pytest.fixture(params=[7, -7], ids=["upcoming", "released"])
def story(request, campaign) -> StoryPage:
    return StoryPageFactory(
        parent=campaign,
        slug="premiere",
        title="Premiere",
        summary="The teaser families read first.",
        body="<p>The whole story, for the premiere.</p>",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        transcript="<p>Everything said in the video.</p>",
        premiere_at=timezone.now() + datetime.timedelta(days=request.param),
    )


def _preview(editor: Client, story: StoryPage, mode: str) -> str:
    fields = {
        "title": story.title,
        "slug": story.slug,
        "summary": "An unsaved teaser.",
        "month": story.month.isoformat(),
        "premiere_at": timezone.localtime(story.premiere_at).strftime("%Y-%m-%d %H:%M"),
        "body": rich_text(story.body),
        "video_url": story.video_url,
        "transcript": rich_text(story.transcript),
        "caption_tracks": inline_formset([]),
        "comments": inline_formset([]),
    }
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    assert editor.post(url, nested_form_data(fields)).json() == {"is_valid": True, "is_available": True}
    response = editor.get(url, {"mode": mode})
    assert response.status_code == 200
    return response.content.decode()


def test_the_editor_offers_a_before_premiere_preview_beside_the_normal_one(editor, story) -> None:
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'value="before_premiere"' in html and "Before premiere" in html
    assert [mode for mode, _ in story.preview_modes][:2] == ["", "before_premiere"]


def test_before_premiere_shows_the_teaser_and_the_premiere_date_only(editor, story) -> None:
    teaser = _preview(editor, story, "before_premiere")
    assert "An unsaved teaser." in teaser
    assert "Video premiere:" in teaser
    assert "The whole story, for the premiere." not in teaser
    assert "youtube" not in teaser and "Everything said in the video." not in teaser
    full = _preview(editor, story, "")
    assert "The whole story, for the premiere." in full and "youtube" in full
    assert "Video premiere:" not in full


def test_a_before_premiere_token_answers_as_the_public_would_before_the_premiere(gql, story) -> None:
    story.previewed_in_mode = "before_premiere"
    answer = gql(BY_TOKEN, {"t": make_token(story)})["page"]
    assert answer == {"status": "UPCOMING", "summary": "The teaser families read first.", "body": None, "video": None}
    del story.previewed_in_mode
    assert gql(BY_TOKEN, {"t": make_token(story)})["page"]["body"] == "<p>The whole story, for the premiere.</p>"
