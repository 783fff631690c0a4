"""Translations awaiting review: filled in by a machine translator, or seeded as samples, and not yet checked by
a person. The public page of such a translation says so in its own language, the API's `awaitingReview` tells
frontends, and Reports → Awaiting review lists them per language until an editor marks each one reviewed.

A mark belongs to one item (a page, or a translatable snippet) in one language, by its translation key, so it
survives the translation being synced and published again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Locale, Page

from cms import generation
from cms.models import TranslationReview


def family_type(model: type[models.Model]) -> ContentType:
    """The content type a translation family is recorded under: Page for every page type, else the model."""
    return ContentType.objects.get_for_model(Page if issubclass(model, Page) else model)


def mark_awaiting_review(
    content_type: ContentType, translation_key: Any, locale: Locale, origin: str, tool_name: str = ""
) -> None:
    _, created = TranslationReview.objects.get_or_create(
        content_type=content_type,
        translation_key=translation_key,
        locale=locale,
        defaults={"origin": origin, "tool_name": tool_name},
    )
    if created:
        _content_changed()


def mark_item_awaiting_review(item: Any, origin: str, tool_name: str = "") -> None:
    mark_awaiting_review(family_type(type(item)), item.translation_key, item.locale, origin, tool_name)


def mark_reviewed(review: TranslationReview) -> None:
    review.delete()
    _content_changed()


def is_awaiting_review(item: Any) -> bool:
    return TranslationReview.objects.filter(
        content_type=family_type(type(item)), translation_key=item.translation_key, locale_id=item.locale_id
    ).exists()


def on_string_translated(sender: type, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """A string filled in by a machine translator marks the item it belongs to as awaiting review."""
    if not created or instance.translation_type != instance.TRANSLATION_TYPE_MACHINE or instance.context is None:
        return
    translatable = instance.context.object
    mark_awaiting_review(
        translatable.content_type,
        translatable.translation_key,
        instance.locale,
        TranslationReview.MACHINE,
        instance.tool_name,
    )


def keep_slugs(sender: type, instance: Any, **kwargs: Any) -> None:
    """A machine translator leaves slugs as they are, so a page's address reads the same in every language (as
    the demo's translations do); an editor may still change one by hand."""
    if (
        instance._state.adding
        and instance.translation_type == instance.TRANSLATION_TYPE_MACHINE
        and instance.context is not None
        and instance.context.path == "slug"
    ):
        instance.data = instance.translation_of.data


def _content_changed() -> None:
    # Cached answers and pages say whether a translation awaits review: they all go stale.
    generation.content_changed()


def connect() -> None:
    from django.db.models.signals import post_save, pre_save
    from wagtail_localize.models import StringTranslation

    pre_save.connect(keep_slugs, sender=StringTranslation, dispatch_uid="cms.reviews.slugs")
    post_save.connect(on_string_translated, sender=StringTranslation, dispatch_uid="cms.reviews.machine")
