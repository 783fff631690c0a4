"""An image past the pixel or byte limit is refused on every admin upload path, in words that say what to do."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from cms.models import CustomImage

pytestmark = pytest.mark.django_db


def png(width: int, height: int, name: str = "huge.png") -> SimpleUploadedFile:
    """A one-bit PNG: many pixels in little memory and a few kilobytes."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def editor_client(client: Client, admin_user) -> Client:
    client.force_login(admin_user)
    return client


def test_an_image_of_42_megapixels_is_refused_from_the_images_page(editor_client: Client) -> None:
    answer = editor_client.post(reverse("wagtailimages:add"), {"title": "Huge", "file": png(7000, 6000)})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "This image is too large: 42000000 pixels" in html
    assert "40 megapixels" in html and "Scale it down" in html
    assert not CustomImage.objects.exists()


def test_an_image_of_42_megapixels_is_refused_by_the_multiple_upload(editor_client: Client) -> None:
    answer = editor_client.post(reverse("wagtailimages:add_multiple"), {"files[]": png(7000, 6000)})
    data = answer.json()
    assert data["success"] is False and "This image is too large" in data["error_message"]
    assert not CustomImage.objects.exists()


def test_an_image_of_42_megapixels_is_refused_by_the_choosers_upload(editor_client: Client) -> None:
    answer = editor_client.post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": "Huge", "image-chooser-upload-file": png(7000, 6000)},
    )
    assert "This image is too large: 42000000 pixels" in answer.content.decode()
    assert not CustomImage.objects.exists()


def test_an_image_too_many_bytes_is_refused_with_the_limit(editor_client: Client, settings) -> None:
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    noisy = io.BytesIO()
    Image.effect_noise((200, 200), 100).save(noisy, "PNG")
    upload = SimpleUploadedFile("noisy.png", noisy.getvalue(), content_type="image/png")
    answer = editor_client.post(reverse("wagtailimages:add"), {"title": "Noisy", "file": upload})
    assert "This file is too big" in answer.content.decode()
    assert not CustomImage.objects.exists()


def test_an_image_within_the_limits_is_accepted(editor_client: Client) -> None:
    answer = editor_client.post(reverse("wagtailimages:add"), {"title": "Fine", "file": png(6000, 4000, "fine.png")})
    assert answer.status_code == 302
    assert CustomImage.objects.get().width == 6000
