"""Media everyone can follow: captions per language, and nothing published without alt text or captions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.seed import publish_translation
from partners.models import AwardRecipient
from stories.models import CaptionTrack, StoryPage
from tests.factories import AwardRecipientFactory, DocumentFactory, ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

VIDEO = """query($locale: String) { page(slug: "ada", locale: $locale) { ... on StoryPage {
  video { captionsUrl captionsLanguage captions { language label url isDefault } } } } }"""


def vtt(name: str):
    return DocumentFactory(file__filename=name, file__data=b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def form_data(html: str, form_id: str = "page-edit-form") -> dict[str, Any]:
    """What the browser would post from the editor as it stands: every named field with its value."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id) or BeautifulSoup(html, "html.parser").find(
        "form", attrs={"method": "post"}
    )
    data: dict[str, Any] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def with_track(data: dict[str, Any], language: str, document) -> dict[str, Any]:
    index = int(data["caption_tracks-TOTAL_FORMS"])
    data.update(
        {
            "caption_tracks-TOTAL_FORMS": str(index + 1),
            f"caption_tracks-{index}-language": language,
            f"caption_tracks-{index}-file": str(document.pk),
            f"caption_tracks-{index}-id": "",
            f"caption_tracks-{index}-ORDER": str(index + 1),
            f"caption_tracks-{index}-DELETE": "",
        }
    )
    return data


def edit(editor: Client, page: Page, action: str, change=lambda data: data):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = change(form_data(editor.get(url).content.decode()))
    if action == "publish":
        data["action-publish"] = "action-publish"
    return editor.post(url, data)


def test_every_captions_track_is_served_and_the_story_s_language_shows_first(gql, campaign, translate) -> None:
    english, spanish = vtt("ada-en.vtt"), vtt("ada-es.vtt")
    story = StoryPageFactory(
        parent=campaign,
        slug="ada",
        video_url="https://video.example.org/ada",
        caption_tracks=[CaptionTrack(language="en", file=english), CaptionTrack(language="es", file=spanish)],
    )
    translate(story, summary="Un adelanto.")
    video = gql(VIDEO)["page"]["video"]
    assert [(t["language"], t["label"], t["isDefault"]) for t in video["captions"]] == [
        ("en", "English", True),
        ("es", "Español", False),
    ]
    assert video["captionsUrl"].endswith("ada-en.vtt") and video["captionsLanguage"] == "en"
    spanish_video = gql(VIDEO, {"locale": "es"})["page"]["video"]
    assert [(t["language"], t["isDefault"]) for t in spanish_video["captions"]] == [("es", True), ("en", False)]
    assert spanish_video["captionsUrl"].endswith("ada-es.vtt") and spanish_video["captionsLanguage"] == "es"


def test_a_video_without_captions_or_transcript_cannot_be_published_but_can_be_drafted(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada", premiere_at=timezone.now() + datetime.timedelta(days=3))

    def add_video(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "video_url": "https://video.example.org/ada"}

    refused = edit(editor, story, "publish", add_video)
    assert refused.status_code == 200
    assert "The video needs captions in English (a WebVTT track for &#x27;en&#x27;) or a transcript" in (
        refused.content.decode()
    )
    assert StoryPage.objects.get(pk=story.pk).video_url == ""

    drafted = edit(editor, story, "save", add_video)
    assert drafted.status_code == 302
    assert StoryPage.objects.get(pk=story.pk).get_latest_revision().as_object().video_url.endswith("/ada")
    assert StoryPage.objects.get(pk=story.pk).video_url == ""  # the draft is not live

    published = edit(
        editor, story, "publish", lambda data: with_track(add_video(data), "en", vtt("published-track.vtt"))
    )
    assert published.status_code == 302
    live = StoryPage.objects.get(pk=story.pk)
    assert live.video_url.endswith("/ada") and [t.language for t in live.caption_tracks.all()] == ["en"]


def test_a_transcript_is_enough_to_publish_a_video(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada", transcript="<p>Everything Ada says.</p>")
    response = edit(editor, story, "publish", lambda data: {**data, "video_url": "https://video.example.org/ada"})
    assert response.status_code == 302
    assert StoryPage.objects.get(pk=story.pk).video_url.endswith("/ada")


def test_one_track_per_language(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    response = edit(
        editor, story, "publish", lambda data: with_track(with_track(data, "en", vtt("a.vtt")), "en", vtt("b.vtt"))
    )
    assert "Give each language one captions track; one language has two." in response.content.decode()


def test_a_translation_needs_captions_in_its_own_language(campaign, translate) -> None:
    story = StoryPageFactory(
        parent=campaign,
        slug="ada",
        video_url="https://video.example.org/ada",
        caption_tracks=[CaptionTrack(language="en", file=vtt("ada-en.vtt"))],
    )
    translate(campaign)
    strings = {"Story 1": "Historia 1", story.title: "Historia", "WE ARE CURIOUS TOGETHER": "JUNTOS SOMOS CURIOSOS"}
    strings |= {"A short teaser.": "Un adelanto.", "The full story.": "La historia completa."}
    with pytest.raises(ValidationError) as refused:
        publish_translation(story, "es", strings)
    [message] = refused.value.message_dict["transcript"]
    assert message.startswith(
        "The video needs captions in Spanish (a WebVTT track for 'es') or a transcript, so that everyone can follow it."
    )
    CaptionTrack.objects.create(page=story, language="es", file=vtt("ada-es.vtt"))
    spanish = publish_translation(StoryPage.objects.get(pk=story.pk), "es", strings)
    assert spanish.live and spanish.title == "Historia"


def test_an_image_without_alt_text_keeps_its_page_from_being_published(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    photo = ImageFactory(title="IMG_2041", description="")

    refused = edit(editor, story, "publish", lambda data: {**data, "poster_image": str(photo.pk)})
    assert "The image &#x27;IMG_2041&#x27; has no alt text." in refused.content.decode()
    assert StoryPage.objects.get(pk=story.pk).poster_image is None

    photo.is_decorative = True
    photo.save()
    published = edit(editor, story, "publish", lambda data: {**data, "poster_image": str(photo.pk)})
    assert published.status_code == 302
    assert StoryPage.objects.get(pk=story.pk).poster_image == photo


def test_an_award_recipient_photo_needs_alt_text_too(editor) -> None:
    recipient = AwardRecipientFactory(name="Hilltop Bakery")
    photo = ImageFactory(title="Bakery", description="")
    url = reverse("wagtailsnippets_partners_awardrecipient:edit", args=[recipient.pk])
    data = form_data(editor.get(url).content.decode(), "w-editor-form")
    response = editor.post(url, {**data, "photo": str(photo.pk), "action-publish": "action-publish"})
    assert "The image &#x27;Bakery&#x27; has no alt text." in response.content.decode()
    assert AwardRecipient.objects.get(pk=recipient.pk).photo is None


def test_bulk_publishing_checks_each_page(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign, slug="ada")
    story.video_url = "https://video.example.org/ada"
    story.save_revision(clean=False)  # a draft saved without the publishing rules, as the editor does
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = editor.post(f"{url}?id={story.pk}&next=/admin/pages/{campaign.pk}/", {}, follow=True)
    assert "cannot be published yet: The video needs captions in English" in response.content.decode()
    assert StoryPage.objects.get(pk=story.pk).video_url == ""


def test_the_image_editor_asks_for_alt_text_or_decorative(editor) -> None:
    image = ImageFactory()
    html = editor.get(reverse("wagtailimages:edit", args=[image.pk])).content.decode()
    assert 'name="description"' in html and "Alt text" in html
    assert 'name="is_decorative"' in html
