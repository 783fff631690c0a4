"""The translation editor's "Translate with …" button, against a LibreTranslate server on loopback: one click fills
every string of a page, and the translation then awaits review until an editor marks it reviewed."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.reviews import TranslationReview

pytestmark = pytest.mark.django_db

NOTICE = "Trang này được dịch tự động và chưa được người kiểm tra"


class LibreTranslate(BaseHTTPRequestHandler):
    """LibreTranslate's `POST /translate`: every text comes back tagged with its target language."""

    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        LibreTranslate.received.append({"path": self.path, **body})
        answer = {"translatedText": [f"[{body['target']}] {text}" for text in body["q"]]}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def libretranslate() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    LibreTranslate.received = []
    url = f"http://127.0.0.1:{server.server_address[1]}"
    translator = {
        "CLASS": "cms.machine_translation.libretranslate.LibreTranslateTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": "", "LANGUAGES": [], "TIMEOUT": 5},
    }
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=translator):
        yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def editor(seeded, client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def vietnamese_draft(editor: Client) -> Page:
    """Gary's story, submitted for translation into Vietnamese: a draft with nothing translated yet."""
    gary = Page.objects.get(slug="2023-04-gary", locale__language_code="en")
    vietnamese = Locale.objects.get(language_code="vi")
    editor.post(reverse("wagtail_localize:submit_page_translation", args=[gary.pk]), {"locales": [vietnamese.pk]})
    return gary.get_translation(vietnamese)


def editor_props(editor: Client, page: Page) -> dict[str, Any]:
    text = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return json.loads(html.unescape(text.split('data-props="', 1)[1].split('"', 1)[0]))


def test_one_click_fills_every_string_and_marks_the_page_awaiting_review(
    editor, libretranslate, gql, django_capture_on_commit_callbacks
) -> None:
    draft = vietnamese_draft(editor)
    translation = Translation.objects.get(source__object_id=draft.translation_key, target_locale=draft.locale)
    props = editor_props(editor, draft)
    assert props["machineTranslator"]["name"] == "LibreTranslate"
    button = props["machineTranslator"]["url"]
    assert button == reverse("wagtail_localize:machine_translate", args=[translation.pk])

    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert editor.post(button, {"next": edit_url}).status_code == 302

    # One request to the server, for the Vietnamese of every string of the page.
    assert [(call["path"], call["source"], call["target"]) for call in LibreTranslate.received] == [
        ("/translate", "en", "vi")
    ]
    segments = StringSegment.objects.filter(source=translation.source)
    assert segments.count() >= 3
    for segment in segments:
        filled = StringTranslation.objects.get(
            translation_of=segment.string, locale=draft.locale, context=segment.context
        )
        kept = segment.context.path == "slug"  # an address reads the same in every language
        assert filled.data == (segment.string.data if kept else f"[vi] {segment.string.data}")
        assert filled.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert translation.get_progress()[0] == translation.get_progress()[1]
    review = TranslationReview.objects.get(translation_key=draft.translation_key, locale=draft.locale)
    assert (review.origin, review.tool_name) == (TranslationReview.MACHINE, "LibreTranslate")

    # Published, it tells its readers, in Vietnamese, and the API says so.
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes once it commits
        editor.post(edit_url, {"action": "publish"})
    assert Page.objects.get(pk=draft.pk).live
    public = Client()
    page = public.get("/vi/better-together/2023-04-gary/").content.decode()
    assert f'<p class="review-notice" role="note" lang="vi">{NOTICE}' in page
    query = (
        '{ page(slug: "2023-04-gary", locale: "vi") { awaitingReview } '
        'en: page(slug: "2023-04-gary") { awaitingReview } }'
    )
    assert gql(query) == {"page": {"awaitingReview": True}, "en": {"awaitingReview": False}}

    # Reports → Awaiting review counts it under Vietnamese and links to its editor; marking it reviewed clears it.
    report = editor.get(reverse("awaiting_review") + "?locale=vi").content.decode()
    assert 'data-language="vi">Vietnamese (<span class="count">1</span>)' in report
    assert f'href="{edit_url}"' in report
    editor.post(reverse("awaiting_review_done", args=[review.pk]), {"locale": "vi"})
    assert not TranslationReview.objects.filter(pk=review.pk).exists()
    assert "review-notice" not in public.get("/vi/better-together/2023-04-gary/").content.decode()
    assert gql('{ page(slug: "2023-04-gary", locale: "vi") { awaitingReview } }') == {"page": {"awaitingReview": False}}


def test_strings_an_editor_already_translated_are_kept(editor, libretranslate) -> None:
    draft = vietnamese_draft(editor)
    translation = Translation.objects.get(source__object_id=draft.translation_key, target_locale=draft.locale)
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=draft.locale,
        context=title.context,
        data="Gary (bản dịch)",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    assert not TranslationReview.objects.exists()  # a person's translation awaits no review
    editor.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert "Gary" not in LibreTranslate.received[0]["q"]
    assert StringTranslation.objects.get(translation_of=title.string, locale=draft.locale).data == "Gary (bản dịch)"


def test_languages_the_service_does_not_translate_get_no_button(editor, libretranslate, settings) -> None:
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        **settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR,
        "OPTIONS": {**settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"], "LANGUAGES": ["es", "ko"]},
    }
    assert editor_props(editor, vietnamese_draft(editor))["machineTranslator"] is None


def test_with_no_translator_configured_there_is_no_button(editor) -> None:
    draft = vietnamese_draft(editor)
    translation = Translation.objects.get(source__object_id=draft.translation_key, target_locale=draft.locale)
    props = editor_props(editor, draft)
    assert props["machineTranslator"] is None
    assert editor.post(reverse("wagtail_localize:machine_translate", args=[translation.pk])).status_code == 404
    assert editor.get(reverse("awaiting_review")).status_code == 200
