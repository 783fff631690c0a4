"""Print the SQL queries one `display` request costs with 1, 10 and 100 stories, in English and in Spanish.

Run: make bench  (uses a throwaway SQLite database; nothing else is touched)
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="btcms-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from cms.dates import district_zone  # noqa: E402
from cms.seed import generated_image  # noqa: E402
from stories.models import CampaignIndexPage, StoryPage  # noqa: E402

ZONE = district_zone()
QUERY = """query($locale: String) { display(at: "2023-02-15T12:00:00", upcomingLimit: 12, locale: $locale) {
  validUntil story { publicUrl qrCodeSvg poster1080p { url } poster4k { url }
    story { title summary programs locale isFallback school { name } video { url captions { url } } } }
  award { recipient { name locale isFallback photo { alt } } }
  upcoming { title summary programs locale isFallback availableLocales { code url }
    school { name } posterImage { alt rendition(fill: "1920x1080") { url } } } } }"""
LANGUAGES = ("en", "es")


def add_stories(campaign: CampaignIndexPage, first: int, last: int) -> None:
    poster = generated_image("Bench poster", "Bench poster", ["Bench"], size=(640, 360))
    for n in range(first, last):
        story = StoryPage(
            title=f"Bench story {n}",
            slug=f"bench-{n}",
            summary="A teaser.",
            month=datetime.date(2023, 3 + n % 9, 1),
            premiere_at=datetime.datetime(2023, 3, 1, 8, tzinfo=ZONE) + datetime.timedelta(days=n),
            poster_image=poster,
        )
        campaign.add_child(instance=story)
        story.programs.add("Beyond the Bell")
        story.save_revision().publish()


def count(client: Client, language: str) -> int:
    params = {"query": QUERY, "variables": json.dumps({"locale": language})}
    client.get("/graphql/", params)  # renditions are made on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/graphql/", params)
    assert response.status_code == 200 and "errors" not in response.json(), response.content[:500]
    return len(queries)


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    campaign = CampaignIndexPage.objects.get(slug="better-together", locale__language_code="en")
    client = Client()
    # The demo content already has 10 stories (four of them in Spanish too); add bench stories up to each total.
    figures = {}
    existing = StoryPage.objects.filter(locale=campaign.locale).count()
    for total in (10, 100):
        add_stories(campaign, existing, total)
        existing = total
        figures[total] = [count(client, language) for language in LANGUAGES]
    StoryPage.objects.filter(slug__startswith="bench-").delete()
    StoryPage.objects.exclude(slug="2023-01-issiah").delete()
    figures[1] = [count(client, language) for language in LANGUAGES]
    for total in sorted(figures):
        english, spanish = figures[total]
        print(f"display query, {total:>3} stories: {english} SQL queries in English, {spanish} in Spanish")


if __name__ == "__main__":
    main()
