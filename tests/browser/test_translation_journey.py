"""An editor's whole journey in Debian's Chromium, through the real admin only: a story with a video, its
captions and poster uploaded in admin, previewed and published, translated into Spanish, captioned in Spanish
the way admin says, and published; then seen on /es/, in the API and on a display."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PILImage
from playwright.sync_api import Page, expect

from stories.models import CampaignIndexPage, StoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEO = Path(__file__).resolve().parents[2] / "stories" / "seed_media" / "leila-sample.webm"
SPANISH = {
    "Amara's story": "La historia de Amara",
    "WE ARE BRAVE TOGETHER": "JUNTOS SOMOS VALIENTES",
    "Amara found her voice in the school choir.": "Amara encontró su voz en el coro de la escuela.",
}
API = """{ page(slug: "amaras-story", locale: "es") { title locale ... on StoryPage { themeHeadline
  video { captions { language } } posterImage { alt } } } }"""


@pytest.fixture
def media(tmp_path: Path) -> dict[str, Path]:
    files = {"en": tmp_path / "amara-en.vtt", "es": tmp_path / "amara-es.vtt", "poster": tmp_path / "amara.png"}
    files["en"].write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nI found my voice.\n")
    files["es"].write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nEncontré mi voz.\n")
    PILImage.new("RGB", (320, 180), (0, 59, 113)).save(files["poster"])
    return files


@pytest.fixture
def server(cms_server, campaign, translate):
    """The site with its campaign in English and Spanish, and an editor who can sign in."""
    translate(campaign.get_parent(), title="Inicio")
    translate(campaign, title="Mejores juntos")
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a long editor password")
    return cms_server


def upload_in_chooser(page: Page, opener, path: Path, **fields: str) -> None:
    """Open a chooser, take its Upload tab, send `path` (with `fields`), and let the chooser pick it."""
    opener.click()
    modal = page.locator(".modal.show, .modal[open], [role=dialog]:visible").last
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(path))
    title = modal.locator("[name$='-title']")
    expect(title).not_to_have_value("")  # admin names the file after its name, as it does for an editor
    title.fill(path.stem)
    for name, value in fields.items():
        modal.locator(f"[name$='-{name}']").fill(value)
    modal.locator("form button[type=submit], form input[type=submit]").last.click()
    expect(modal).to_be_hidden(timeout=15000)


def choose_document(page: Page, field_id: str, path: Path) -> None:
    chooser = page.locator(f"#{field_id}-chooser")
    upload_in_chooser(page, chooser.get_by_role("button", name="Choose a document"), path)
    expect(chooser.locator("[data-chooser-title]")).to_have_text(path.stem)


def translate_string(page: Page, english_text: str, spanish_text: str) -> None:
    """In the translation editor: a string's "Translate", its translation typed, "Save"."""
    segment = page.locator("li:visible", has_text=english_text).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(spanish_text)
    segment.get_by_role("button", name="Save").click()
    expect(segment).to_contain_text(spanish_text)


def publish_from_footer(page: Page) -> None:
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-publish]").click()


def test_an_editor_publishes_a_captioned_story_in_spanish(server, campaign, browser_page, media) -> None:
    page, url = browser_page, server.url
    page.set_default_timeout(10000)
    journey(page, url, campaign, media)


def journey(page: Page, url: str, campaign: CampaignIndexPage, media: dict[str, Path]) -> None:

    page.goto(f"{url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a long editor password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{url}/admin/")

    # A new story, every file uploaded through admin's own choosers.
    page.goto(f"{url}/admin/pages/add/stories/storypage/{campaign.pk}/")
    page.fill("#id_title", "Amara's story")
    page.fill("#id_student_names", "Amara")
    page.fill("#id_theme_headline", "WE ARE BRAVE TOGETHER")
    page.fill("#id_month", "2023-07-01")
    page.fill("#id_premiere_at", "2023-07-01 08:00")
    page.fill("#id_summary", "Amara found her voice in the school choir.")
    choose_document(page, "id_video_file", VIDEO)
    page.get_by_role("button", name="Add Captions track").click()
    page.select_option("#id_caption_tracks-0-language", "en")
    choose_document(page, "id_caption_tracks-0-file", media["en"])
    poster = page.locator("#id_poster_image-chooser")
    upload_in_chooser(
        page,
        poster.get_by_role("button", name="Choose an image"),
        media["poster"],
        description="Amara singing with the school choir",
    )
    expect(poster.locator("[data-chooser-title]")).to_have_text("amara")

    # Preview, then publish.
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Amara's story", timeout=15000)
    expect(preview.locator("main")).to_contain_text("WE ARE BRAVE TOGETHER")
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text("'Amara's story' has been published", timeout=15000)
    english = StoryPage.objects.get(slug="amaras-story", locale__language_code="en")
    assert english.live and [t.language for t in english.caption_tracks.all()] == ["en"]

    # Translate → Spanish, and fill every string in the translation editor.
    page.goto(f"{url}/admin/pages/{english.pk}/edit/")
    page.locator("header [aria-label='Actions'], header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Translate").click()
    page.get_by_label("Spanish").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Publish in Spanish")).to_be_visible(timeout=15000)
    for english_text, spanish_text in SPANISH.items():
        translate_string(page, english_text, spanish_text)
    page.get_by_role("tab", name="Promote").click()
    translate_string(page, "amaras-story", "amaras-story")  # the address stays the same in every language
    page.get_by_role("tab", name="Content").click()

    # Publishing says what is missing and what to do.
    page.get_by_role("button", name="Publish in Spanish").click()
    messages = page.locator(".messages")
    expect(messages).to_contain_text("The video needs captions in Spanish (a WebVTT track for 'es') or a transcript")
    expect(messages).to_contain_text(
        "edit 'Amara's story', under Captions choose \"Add Captions track\", pick Spanish, upload the .vtt file "
        'and publish that story, then click "Publish in Spanish" here again.'
    )
    spanish_url = page.url

    # Do exactly that.
    page.goto(f"{url}/admin/pages/{english.pk}/edit/")
    expect(page.locator("main")).to_contain_text(
        'To caption a translation, choose "Add Captions track" here, pick its language, upload the .vtt file and '
        "publish this story: the translation takes the track when it is next published"
    )
    page.get_by_role("button", name="Add Captions track").click()
    page.select_option("#id_caption_tracks-1-language", "es")
    choose_document(page, "id_caption_tracks-1-file", media["es"])
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text("has been published", timeout=15000)

    page.goto(spanish_url)
    page.get_by_role("button", name="Publish in Spanish").click()
    expect(page.locator(".messages")).to_contain_text("Published 'La historia de Amara' in Spanish.", timeout=15000)

    # The public site, the API and a display, in Spanish.
    page.goto(f"{url}/es/better-together/amaras-story/")
    expect(page.locator("h1")).to_have_text("La historia de Amara")
    expect(page.locator("main")).to_contain_text("JUNTOS SOMOS VALIENTES")
    expect(page.locator("track[srclang=es]")).to_have_count(1)
    answer = page.request.get(f"{url}/graphql/?query={urllib.parse.quote(API)}")
    data = json.loads(answer.text())["data"]["page"]
    assert data["title"] == "La historia de Amara" and data["locale"] == "es"
    assert data["themeHeadline"] == "JUNTOS SOMOS VALIENTES"
    assert [track["language"] for track in data["video"]["captions"]] == ["es", "en"]
    assert data["posterImage"]["alt"] == "Amara singing with the school choir"
    page.goto(f"{url}/display/?locale=es&at=2023-07-15T12:00:00")
    story = page.locator("#slide-story")
    expect(story.locator(".headline")).to_have_text("JUNTOS SOMOS VALIENTES", timeout=15000)
    expect(story.locator(".names")).to_have_text("Amara")
