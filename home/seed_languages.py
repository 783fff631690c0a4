"""The home page in every content language (`seed_languages.json`), awaiting review (`cms.seed_translations`)."""

from __future__ import annotations

from pathlib import Path

from wagtail.models import Locale

from cms.seed_translations import load_texts, translate_for_review
from home.models import HomePage

TEXTS = Path(__file__).with_name("seed_languages.json")


def translate() -> int:
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    return translate_for_review([home], load_texts(TEXTS))
