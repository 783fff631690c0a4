"""`manage.py backup_site FOLDER`: the database, the media and the private files (docs/operations.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.portable.backups import BackupFailed, backup


class Command(BaseCommand):
    help = (
        "Back up this install into a new FOLDER: the database (pg_dump's custom format, or a copy of the SQLite "
        "file), then every public media file and every private file (letter attachments), with checksums. "
        "Restore it with restore_site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest = backup(folder)
        except BackupFailed as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{len(files)} {name} files" for name, files in manifest["files"].items())
        self.stdout.write(f"Backed up the database and {counts} to {folder}.")
