"""The campaign and all its stories of the month in every content language (`seed_languages.json`), awaiting
review (`cms.seed_translations`)."""

from __future__ import annotations

from pathlib import Path

from wagtail.models import Locale

from cms.seed_translations import load_texts, translate_for_review
from stories.models import CampaignIndexPage, StoryPage

TEXTS = Path(__file__).with_name("seed_languages.json")


def translate() -> int:
    english = Locale.get_default()
    campaign = CampaignIndexPage.objects.filter(slug="better-together", locale=english).first()
    if campaign is None:
        return 0
    stories = StoryPage.objects.child_of(campaign).order_by("path")
    return translate_for_review([campaign, *stories], load_texts(TEXTS))
