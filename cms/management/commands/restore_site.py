"""`manage.py restore_site FOLDER`: a backup_site folder into a new database and storage (docs/operations.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.portable.backups import BackupFailed, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into this install: its database must be new and empty (no tables), "
        "and the media and private files are written through its storages. Every file is checked against its "
        "checksum first. Then run `manage.py migrate` (a no-op unless this release is newer than the backup)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest = restore(folder)
        except BackupFailed as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database and the files taken at {manifest['taken_at']}.")
