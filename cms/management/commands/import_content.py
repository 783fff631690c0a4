"""`manage.py import_content SOURCE`: an export into this fresh install (docs/export.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.portable.importing import ImportRefused, load


class Command(BaseCommand):
    help = (
        "Load an export made by export_content (a folder or a .tar.gz archive) into this install, which must be "
        "freshly migrated to the same migrations and hold no content yet; then rebuild the search and reference "
        "indexes and the sync journal. Editors come without passwords: set them with `manage.py changepassword`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="The export's folder, or its .tar.gz archive.")

    def handle(self, *args: Any, source: Path, verbosity: int = 1, **options: Any) -> None:
        try:
            load(source, self.stdout.write if verbosity > 1 else None)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Imported {source}.")
