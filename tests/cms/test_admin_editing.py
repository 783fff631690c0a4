"""Editors can open every editing screen, and every page renders for preview."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from partners.models import AwardRecipient, ContactOffice, ShiningStarAwardPage
from tests.factories import StoryPageFactory


@pytest.fixture
def editor_client(seeded, client: Client) -> Client:
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_every_page_opens_in_the_editor(editor_client: Client) -> None:
    for page in Page.objects.filter(depth__gt=1):
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parent_slug", "model"),
    [
        ("home", "stories/campaignindexpage"),
        ("better-together", "stories/storypage"),
    ],
)
def test_new_page_forms_open(editor_client: Client, parent_slug: str, model: str) -> None:
    parent = Page.objects.get(slug=parent_slug, locale__language_code="en")
    app, name = model.split("/")
    response = editor_client.get(reverse("wagtailadmin_pages:add", args=[app, name, parent.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_second_award_page_is_refused(editor_client: Client) -> None:
    parent = Page.objects.get(slug="partner-with-tps", locale__language_code="en")
    response = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["partners", "shiningstarawardpage", parent.pk])
    )
    assert response.status_code == 302
    assert not ShiningStarAwardPage.can_create_at(parent)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ContactOffice, AwardRecipient])
def test_snippet_screens_open(editor_client: Client, model) -> None:
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    assert editor_client.get(reverse(f"wagtailsnippets_{label}:list")).status_code == 200
    assert editor_client.get(reverse(f"wagtailsnippets_{label}:add")).status_code == 200
    obj = model.objects.first()
    assert editor_client.get(reverse(f"wagtailsnippets_{label}:edit", args=[obj.pk])).status_code == 200


@pytest.mark.django_db
def test_schools_and_settings_screens_open(editor_client: Client) -> None:
    assert editor_client.get(reverse("wagtailsnippets_cms_school:list")).status_code == 200
    settings_url = reverse("wagtailsettings:edit", args=["cms", "districtsettings"])
    assert editor_client.get(settings_url, follow=True).status_code == 200


@pytest.mark.django_db
def test_published_pages_render_as_html(seeded, client: Client) -> None:
    for page in Page.objects.filter(depth__gt=1).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f"<h1>{page.title}</h1>" in response.content.decode()


@pytest.mark.django_db
def test_an_upcoming_story_page_keeps_its_full_text_back(seeded, client: Client) -> None:
    html = client.get("/better-together/2023-06-class-of-2023/").content.decode()
    assert "Video premiere: date to be announced." in html


@pytest.mark.django_db
def test_an_upcoming_story_page_gives_its_premiere_day_in_the_page_s_language(campaign, translate, client) -> None:
    premiere = datetime.datetime(2031, 1, 5, 8, 0, tzinfo=datetime.UTC)
    story = StoryPageFactory(parent=campaign, slug="next", month=datetime.date(2031, 1, 1), premiere_at=premiere)
    translate(story)
    assert "Video premiere: January 5, 2031." in client.get("/better-together/next/").content.decode()
    assert "5 de enero de 2031" in client.get("/es/better-together/next/").content.decode()
