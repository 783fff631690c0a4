"""Load the demo content: the district's two pages in full, and a campaign that follows today's date. Running it
again the same day changes nothing."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from wagtail import hooks
from wagtail.models import Page

from cms.demo_day import seeding_for
from cms.seed import ensure_foundations


class Command(BaseCommand):
    help = (
        "Create the demo site from each app's `register_demo_seed` hook, in hook order "
        "(home, Better Together stories, partnerships): the district's 2022-23 pages, and a campaign for the "
        "current school year whose months and premieres follow today's date. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The date (YYYY-MM-DD) the current school year's campaign follows; today in the district if not set.",
        )
        parser.add_argument(
            "--no-current-year",
            action="store_true",
            help="Seed only the district's 2022-23 pages, without the current school year's campaign.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Each seed gets the pages seeded before it, by app label (stories and partners build under "home"),
        # and returns the page it seeded.
        seeded: dict[str, Page] = {}
        with transaction.atomic(), seeding_for(options["today"], enabled=not options["no_current_year"]):
            ensure_foundations()
            for seed in hooks.get_hooks("register_demo_seed"):
                seeded[seed.__module__.partition(".")[0]] = seed(seeded)
            # Then the sample translations into every other language, awaiting review (cms.seed_translations).
            translated = sum(translate() for translate in hooks.get_hooks("register_demo_translations"))
        first, *others = seeded.values()
        summary = ", ".join([f"{first.title} ({first.url_path})", *(page.title for page in others)])
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {summary}."))
        if translated:
            self.stdout.write(f"{translated} sample translations made, awaiting review (Reports → Awaiting review).")
