"""The campaigns and all their stories of the month in every content language (`seed_languages.json`), awaiting
review (`cms.seed_translations`).

The current-year campaign (`seed_current`) is written from templates, so its texts are too: the file holds the
templates' translations ("Better Together {year}", each theme and sample text), and each language's strings are
built from them for the school year the campaign covers."""

from __future__ import annotations

from pathlib import Path

from wagtail.models import Locale

from cms.seed_translations import load_texts, translate_for_review
from stories import seed_current
from stories.models import CampaignIndexPage, StoryPage

TEXTS = Path(__file__).with_name("seed_languages.json")


def translate() -> int:
    english = Locale.get_default()
    texts = load_texts(TEXTS)
    made = 0
    for campaign in CampaignIndexPage.objects.filter(locale=english).order_by("path"):
        if campaign.slug != "better-together" and not campaign.slug.startswith("better-together-"):
            continue
        stories = StoryPage.objects.child_of(campaign).order_by("path")
        made += translate_for_review(
            [campaign, *stories],
            texts if campaign.slug == "better-together" else current_texts(campaign.school_year, texts),
        )
    return made


def paragraph(html: str) -> str:
    return html.removeprefix("<p>").removesuffix("</p>")


def current_texts(year: str, texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each language's translations of a current-year campaign's strings, built from the templates'."""
    built = {}
    intro = paragraph(seed_current.INTRO)
    for language, strings in texts.items():
        ours = dict(strings)
        ours[f"Better Together {year}"] = strings["Better Together {year}"].format(year=year)
        ours[intro.format(year=year)] = strings[intro].format(year=year)
        for _, names, _, _, _, _, text in seed_current.SAMPLE_STORIES:
            ours[f"{names} (sample)"] = strings["{names} (sample)"].format(names=strings.get(names, names))
            ours[f"A sample story for the demo. {text}"] = strings["A sample story for the demo. {text}"].format(
                text=strings[text]
            )
        built[language] = ours
    return built
