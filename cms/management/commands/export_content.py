"""`manage.py export_content TARGET`: the whole content as JSON Lines and media files (docs/export.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.portable.exporting import export


class Command(BaseCommand):
    help = (
        "Write every page in every locale with its revisions, snippets, images and documents with their files, "
        "collections, view restrictions, redirects and forms' definitions to TARGET: a new folder, or a .tar.gz "
        "archive. The format is described in docs/export.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", type=Path, help="A folder to create, or a file name ending in .tar.gz.")

    def handle(self, *args: Any, target: Path, verbosity: int = 1, **options: Any) -> None:
        log = self.stdout.write if verbosity > 1 else None
        try:
            manifest = export(target, log)
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = sum(entry["rows"] for entry in manifest["models"])
        note = f"; {len(manifest['missing_files'])} files named but missing" if manifest["missing_files"] else ""
        self.stdout.write(f"Exported {rows} rows and {len(manifest['files'])} files to {target}{note}.")
