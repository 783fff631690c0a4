"""The story editor names its fields as editors know them and says what each upload accepts; a wrong file is
refused at upload, with a message saying what to upload instead, not when the page is saved."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

SAMPLE_WEBM = Path(__file__).resolve().parents[2] / "stories" / "seed_media" / "leila-sample.webm"


@pytest.fixture
def editor(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def test_the_programs_field_is_labelled_programs_and_uploads_say_what_they_accept(editor, campaign) -> None:
    story = StoryPageFactory(parent=campaign)
    raw = editor.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    page = BeautifulSoup(raw, "html.parser")
    label = page.find("label", attrs={"for": "id_programs"})
    assert label is not None and label.get_text(" ", strip=True).startswith("Programs")
    text = page.get_text(" ", strip=True)
    assert "District programs in the story" in text
    assert "MP4 or WebM, up to 500 MB" in text
    assert "JPEG, PNG or WebP, up to 10 MB" in text
    # In the captions track's form, added by the "Add captions track" button.
    assert "A WebVTT captions file (.vtt, starting with the line &#x27;WEBVTT&#x27;), up to 1 MB" in raw


def _upload(editor: Client, name: str, content: bytes):
    return editor.post(
        reverse("wagtaildocs_chooser:create"),
        {"document-chooser-upload-title": name, "document-chooser-upload-file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("story.mp4", b"%PDF-1.4 not a video", "name says it is an MP4 video, but its content is not"),
        ("story.webm", b"hello", "name says it is a WebM video, but its content is not"),
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHello\n", "This is not a WebVTT captions file"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_at_upload(editor, name, content, message) -> None:
    response = _upload(editor, name, content)
    assert message in html.unescape(response.json()["htmlFragment"])
    assert not get_document_model().objects.exists()


def test_video_and_captions_files_are_taken_at_upload(editor) -> None:
    assert _upload(editor, "leila.webm", SAMPLE_WEBM.read_bytes()).status_code == 200
    assert _upload(editor, "leila.vtt", b"\xef\xbb\xbfWEBVTT\n\n00:00.000 --> 00:01.000\nHi\n").status_code == 200
    assert sorted(get_document_model().objects.values_list("title", flat=True)) == ["leila.vtt", "leila.webm"]


def test_the_upload_form_says_what_it_accepts(editor) -> None:
    page = editor.get(reverse("wagtaildocs:add")).content.decode()
    assert "Accepted: videos as MP4 or WebM (up to 500 MB), captions as WebVTT .vtt files (up to 1 MB)" in page
