"""Publishing a story's translation from wagtail-localize's editor: every refusal in words, captions that follow."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from partners.models import AwardRecipient
from stories.models import CaptionTrack, StoryPage
from tests.factories import AwardRecipientFactory, DocumentFactory, ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

GENERIC = "New validation errors were found"
SPANISH = {"Story": "Historia", "WE ARE CURIOUS TOGETHER": "JUNTOS SOMOS CURIOSOS", "A short teaser.": "Un adelanto."}
VIDEO = """{ page(slug: "ada", locale: "es") { locale ... on StoryPage { themeHeadline
  video { captions { language } } } } }"""


def vtt(name: str):
    return DocumentFactory(file__filename=name, file__data=b"WEBVTT\n\n00:00.000 --> 00:01.000\nHola\n")


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


@pytest.fixture
def story(campaign) -> StoryPage:
    page = StoryPageFactory(
        parent=campaign,
        title="Story",
        slug="ada",
        video_url="https://video.example.org/ada",
        caption_tracks=[CaptionTrack(language="en", file=vtt("source-en.vtt"))],
    )
    page.save_revision().publish()
    return page


def translate_in_admin(editor: Client, page: StoryPage) -> StoryPage:
    """Translate → Spanish, then every string filled in, as a translator does in the translation editor."""
    spanish = Locale.objects.get(language_code="es")
    submitted = editor.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [spanish.pk]}
    )
    assert submitted.status_code == 302
    translated = page.get_translation(spanish)
    for translation in Translation.objects.filter(target_locale=spanish):
        po = translation.export_po()
        for entry in po:
            entry.msgstr = SPANISH.get(entry.msgid, entry.msgid)
        translation.import_po(po)
    return StoryPage.objects.get(pk=translated.pk)


@pytest.fixture
def publish_in_spanish(django_capture_on_commit_callbacks):
    """ "Publish in Spanish" in the translation editor; the page it comes back to, with its messages."""

    def publish(editor: Client, page: StoryPage | str) -> str:
        url = page if isinstance(page, str) else reverse("wagtailadmin_pages:edit", args=[page.pk])
        with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes once committed
            response = editor.post(url, {"action": "publish"}, follow=True)
        assert response.status_code == 200
        return html.unescape(response.content.decode())

    return publish


def test_a_translation_refused_for_its_captions_says_why_and_what_to_do(editor, story, publish_in_spanish) -> None:
    spanish = translate_in_admin(editor, story)
    answer = publish_in_spanish(editor, spanish)
    assert "'Story' cannot be published in Spanish yet." in answer
    assert "The video needs captions in Spanish (a WebVTT track for 'es') or a transcript" in answer
    assert (
        "edit 'Story', under Captions choose \"Add Captions track\", pick Spanish, upload the .vtt file and publish "
        'that story, then click "Publish in Spanish" here again.' in answer
    )
    assert GENERIC not in answer  # publishing again would change nothing: it is not offered as a way out
    assert not StoryPage.objects.get(pk=spanish.pk).live


def test_a_spanish_track_added_to_the_english_story_reaches_the_translation_without_a_sync(
    editor, story, gql, publish_in_spanish
) -> None:
    spanish = translate_in_admin(editor, story)
    publish_in_spanish(editor, spanish)
    story.refresh_from_db()
    english = story.get_latest_revision_as_object()
    english.caption_tracks.add(CaptionTrack(language="es", file=vtt("added-es.vtt")))
    english.save_revision().publish()  # as "Publish" on the English story does; no "Sync translated pages"

    answer = publish_in_spanish(editor, spanish)
    assert "Published 'Historia' in Spanish." in answer
    live = StoryPage.objects.get(pk=spanish.pk)
    assert live.live and sorted(track.language for track in live.caption_tracks.all()) == ["en", "es"]
    page = gql(VIDEO)["page"]
    assert page["locale"] == "es" and page["themeHeadline"] == "JUNTOS SOMOS CURIOSOS"
    assert [track["language"] for track in page["video"]["captions"]] == ["es", "en"]


def test_any_field_s_refusal_reaches_the_translator_in_words(editor, story, publish_in_spanish) -> None:
    story.caption_tracks.add(CaptionTrack(language="es", file=vtt("added-es.vtt")))
    # The image lost its alt text after the English story went out.
    StoryPage.objects.filter(pk=story.pk).update(poster_image=ImageFactory(title="Ada on stage", description=""))
    spanish = translate_in_admin(editor, story)
    answer = publish_in_spanish(editor, spanish)
    assert "Poster image: The image 'Ada on stage' has no alt text." in answer
    assert GENERIC not in answer
    assert not StoryPage.objects.get(pk=spanish.pk).live


def test_a_refused_translated_string_can_still_be_left_out(editor, story, publish_in_spanish) -> None:
    story.caption_tracks.add(CaptionTrack(language="es", file=vtt("added-es.vtt")))
    story.save()
    spanish = translate_in_admin(editor, story)
    translation = Translation.objects.get(source__object_id=story.translation_key, target_locale=spanish.locale)
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "WE ARE CURIOUS TOGETHER":
            entry.msgstr = "J" * 200  # longer than the headline's 120 characters
    translation.import_po(po)
    answer = publish_in_spanish(editor, spanish)
    if connection.vendor == "postgresql":
        # PostgreSQL refuses the over-long value itself, before any validation: the publish stops, saying so.
        assert "A translated text is longer than its field allows" in answer
        return
    assert "Theme headline: Ensure this value has at most 120 characters (it has 200)." in answer
    assert GENERIC in answer  # wagtail-localize marks that string, and publishing again leaves it out
    assert "Published 'Historia' in Spanish" in publish_in_spanish(editor, spanish)


def test_a_translation_edited_in_wagtail_s_own_editor_is_told_where_its_captions_go(editor, story, translate) -> None:
    from tests.stories.test_accessible_media import edit

    spanish = translate(story, title="Historia", video_url="")  # not synced: edited like any page
    refused = edit(editor, spanish, "publish", lambda data: {**data, "video_url": "https://video.example.org/ada"})
    assert refused.status_code == 200
    answer = html.unescape(refused.content.decode())
    assert (
        "The video needs captions in Spanish (a WebVTT track for 'es') or a transcript, so that everyone can follow "
        'it. Under Captions, choose "Add Captions track", pick Spanish and upload the .vtt file, or write the '
        "transcript." in answer
    )
    assert "Add Captions track" in answer  # the very button the message names


def test_a_snippet_s_translation_says_why_too(editor, publish_in_spanish) -> None:
    photo = ImageFactory(title="Rotary team", description="The Rotary team at a school")
    recipient = AwardRecipientFactory(name="Tacoma Rotary", photo=photo)
    spanish = Locale.objects.get(language_code="es")
    editor.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["partners", "awardrecipient", recipient.pk]),
        {"locales": [spanish.pk]},
    )
    translation = Translation.objects.get(source__object_id=recipient.translation_key, target_locale=spanish)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = entry.msgid
    translation.import_po(po)
    type(photo).objects.filter(pk=photo.pk).update(description="")  # its alt text was lost since
    translated = AwardRecipient.objects.get(translation_key=recipient.translation_key, locale=spanish)
    url = reverse("wagtailsnippets_partners_awardrecipient:edit", args=[translated.pk])
    answer = publish_in_spanish(editor, url)
    assert "Photo: The image 'Rotary team' has no alt text." in answer
    assert GENERIC not in answer
