"""Helpers for the demo content: idempotent lookups, and images and PDFs drawn locally."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from cms.i18n import ensure_locales
from cms.models import School

# The district's palette, dark enough that white text on it passes WCAG AA contrast.
PALETTE = {
    "navy": (0, 45, 98),
    "teal": (0, 94, 99),
    "plum": (94, 35, 95),
    "forest": (30, 80, 40),
    "brick": (140, 40, 30),
}


def ensure_foundations() -> None:
    """What migrations create and `flush` removes: the locales, the tree root, the root collection."""
    ensure_locales()
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _draw_card(size: tuple[int, int], color: tuple[int, int, int], lines: list[str]) -> PILImage.Image:
    """A plain card: a two-tone background and centred lines of white text."""
    width, height = size
    image = PILImage.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    darker = tuple(max(0, int(c * 0.7)) for c in color)
    draw.rectangle([0, int(height * 0.72), width, height], fill=darker)
    heading_size = max(18, height // 9)
    y: float = height // 4
    for index, line in enumerate(lines):
        font = _font(heading_size if index == 0 else max(14, heading_size // 2))
        box = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - (box[2] - box[0])) / 2, y), line, font=font, fill=(255, 255, 255))
        y += (box[3] - box[1]) + heading_size // 2
    return image


def generated_image(
    title: str, description: str, lines: list[str], color: str = "navy", size: tuple[int, int] = (1920, 1080)
):
    """The image with this title, drawn and saved once; later calls return it unchanged."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    _draw_card(size, PALETTE[color], lines).save(buffer, format="PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = model(title=title, description=description, file=ImageFile(buffer, name=f"{slug}.png"))
    image.save()
    return image


def generated_pdf(title: str, pages: list[list[str]], color: str = "navy"):
    """The document with this title, a PDF drawn once; later calls return it unchanged."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    sheets = [_draw_card((1275, 1650), PALETTE[color], lines) for lines in pages]
    buffer = io.BytesIO()
    sheets[0].save(buffer, format="PDF", save_all=True, append_images=sheets[1:], resolution=150)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    document = model(title=title, file=ContentFile(buffer.getvalue(), name=f"{slug}.pdf"))
    document.save()
    return document


def stored_document(title: str, name: str, content: bytes):
    """The document with this title, saved once from `content`; later calls return it unchanged."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    document = model(title=title, file=ContentFile(content, name=name))
    document.save()
    return document


def school(name: str, slug: str, level: str, short_name: str = "") -> School:
    found, _ = School.objects.get_or_create(
        slug=slug, defaults={"name": name, "level": level, "short_name": short_name}
    )
    return found


def child_page(parent: Page, model: type[Page], slug: str, **fields: Any) -> Page:
    """The child of `parent` with this slug, created and published once; an existing one is left as is."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    tags = fields.pop("tags", None)
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    if tags:
        page.programs.add(*tags)
    page.save_revision().publish()
    return page


def publish_translation(obj: Any, language: str, strings: Mapping[str, str]) -> Any:
    """`obj` translated into `language` through wagtail-localize and published, unless a translation exists.

    Each string of `obj` takes its translation from `strings` (English → translation). Slugs stay as they
    are, so a frontend's routes read the same in every language. A string with no translation raises, so a
    change to the English demo content cannot publish a half-translated page. In admin, editors find these
    translations with their status, and can export and import them as PO files.
    """
    locale = Locale.objects.get(language_code=language)
    existing = obj.get_translation_or_none(locale)
    if existing is not None:
        return existing
    # All or nothing: a translation refused at publishing (say, a video without captions in its language)
    # leaves no half-made copy behind.
    with transaction.atomic():
        return _publish_translation(obj, locale, strings)


def _publish_translation(obj: Any, locale: Locale, strings: Mapping[str, str]) -> Any:
    language = locale.language_code
    source, _ = TranslationSource.get_or_create_from_instance(obj)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.msgctxt == "slug":
            entry.msgstr = entry.msgid
        elif entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        else:
            missing.append(entry.msgid)
    if missing:
        raise LookupError(f"No {language} text for these strings of '{obj}': {missing}")
    translation.import_po(po)
    source.create_or_update_translation(locale, publish=False)
    obj.get_translation(locale).get_latest_revision().publish()
    return obj.get_translation(locale)  # read again: publishing changed the stored page
