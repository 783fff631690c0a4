"""Load the demo content: the district's two pages in full. Running it again changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.seed import ensure_foundations
from home import seed as home_seed
from partners import seed as partners_seed
from stories import seed as stories_seed


class Command(BaseCommand):
    help = "Create the demo site (home, Better Together stories, partnerships). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            ensure_foundations()
            home = home_seed.seed()
            campaign = stories_seed.seed(home)
            partnership = partners_seed.seed(home)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {home.title} ({home.url_path}), {campaign.title}, {partnership.title}."
            )
        )
