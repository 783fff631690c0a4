"""`awaitingReview`: whether a translation still waits for a person to check it (`cms.reviews`)."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo

from cms.reviews import TranslationReview, family_type


def awaiting_review(info: GraphQLResolveInfo, item: Any) -> bool:
    """One query per answer and kind of item, however many items ask."""
    family = family_type(type(item))

    def fetch(keys: set) -> dict[tuple[Any, int], bool]:
        pending = TranslationReview.objects.filter(
            content_type=family, translation_key__in={key for key, _ in keys}
        ).values_list("translation_key", "locale_id")
        return {(key, locale_id): True for key, locale_id in pending if (key, locale_id) in keys}

    loader = info.context.loader(("awaiting review", family.pk), fetch, bool)
    return loader.load((item.translation_key, item.locale_id))
