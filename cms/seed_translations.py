"""The demo in every content language: sample translations of the pages and snippets a family meets first (the
home page, the campaigns and their stories of the month, the partnership and award pages, the award recipients),
each marked as awaiting review.

Each app keeps its texts in `<app>/seed_languages.json` ({language: {English: translation}}) and offers what to
translate through a `register_demo_translations` hook, run by `seed_demo` after every seed, in hook order (a
page's parent first). Spanish has its own seed, reviewed, and is left as it is. An item already translated into a
language is left alone, so running the seed again changes nothing, and an editor's review stays.
`DEMO_TRANSLATION_LANGUAGES` (settings) limits the languages (None: all of them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from cms import i18n
from cms.reviews import TranslationReview, mark_item_awaiting_review
from cms.seed import publish_translation

# Spanish comes from each app's own seed (`seed_spanish.py`); English is the original.
LEFT_OUT = {"en", "es"}


def load_texts(path: Path) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8"))


def translate_for_review(items: Iterable[Any], texts: dict[str, dict[str, str]]) -> int:
    """Each item published in every content language `texts` has, and marked as awaiting review; how many made."""
    made = 0
    chosen = settings.DEMO_TRANSLATION_LANGUAGES
    languages = [
        code
        for code in i18n.content_language_codes()
        if code not in LEFT_OUT and code in texts and (chosen is None or code in chosen)
    ]
    for item in items:
        if item is None:
            continue
        have = set(item.get_translations(inclusive=True).values_list("locale__language_code", flat=True))
        for language in languages:
            if language in have:
                continue
            translated = publish_translation(item, language, texts[language])
            mark_item_awaiting_review(translated, TranslationReview.SEEDED)
            made += 1
    return made
