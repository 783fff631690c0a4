"""`awaitingReview`: whether a translation still waits for a person to check it (`cms.reviews`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphql import GraphQLResolveInfo

from cms.reviews import TranslationReview, family_type


def awaiting_review(info: GraphQLResolveInfo, item: Any) -> bool:
    """One query per answer, kind of item and language, however many items of a list ask."""
    family = family_type(type(item))

    def fetch(locale_ids: set[int]) -> dict[int, set]:
        pending: dict[int, set] = defaultdict(set)
        rows = TranslationReview.objects.filter(content_type=family, locale_id__in=locale_ids)
        for key, locale_id in rows.values_list("translation_key", "locale_id"):
            pending[locale_id].add(key)
        return pending

    loader = info.context.loader(("awaiting review", family.pk), fetch, set)
    return item.translation_key in loader.load(item.locale_id)
