"""Starting a new page over after autosave kept the unfinished one as a draft: the slug clash says what that
draft is, links to it and offers a free slug, instead of a bare "The slug is already in use"."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def _story_form(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "A teaser.",
            "month": "2027-03-01",
            "body": rich_text(""),
            "transcript": rich_text(""),
            "caption_tracks": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_starting_over_after_an_autosaved_draft_links_to_it_and_offers_a_free_slug(editor, campaign) -> None:
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", campaign.pk])
    # Autosave posts the new page's form in the background (asking for JSON) and so saves it as a draft.
    autosaved = editor.post(url, _story_form("Ada", "ada"), HTTP_ACCEPT="application/json")
    assert autosaved.status_code == 200 and autosaved.json()["success"], autosaved.content
    draft = StoryPage.objects.get(slug="ada")
    assert not draft.live
    StoryPageFactory(parent=campaign, slug="ada-2", title="Another Ada")  # taken too: the suggestion skips it

    # The editor, back later, starts a new page with the same title and saves it.
    response = editor.post(url, _story_form("Ada", "ada"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[draft.pk])}"' in html
    assert "Continue editing that draft" in html
    assert "such as “ada-3”" in html
    assert "saved automatically from a new page left unfinished" in html

    # With the slug it suggests, the new page saves.
    saved = editor.post(url, _story_form("Ada", "ada-3"))
    assert saved.status_code == 302
    assert Page.objects.filter(slug="ada-3").exists()


def test_a_clash_with_a_published_page_keeps_wagtail_s_message(editor, campaign) -> None:
    StoryPageFactory(parent=campaign, slug="ada", title="Ada")
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", campaign.pk])
    html = editor.post(url, _story_form("Ada", "ada")).content.decode()
    assert "is already in use within the parent page" in html
    assert "Continue editing that draft" not in html
