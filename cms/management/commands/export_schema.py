"""Write the GraphQL schema to schema.graphql, or with --check fail if the file is stale."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from graphql import print_schema


def current_schema_sdl() -> str:
    from grapple.schema import schema

    return print_schema(schema.graphql_schema).rstrip() + "\n"


class Command(BaseCommand):
    help = "Export the GraphQL schema (SDL) to schema.graphql; --check compares instead of writing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "schema.graphql"))
        parser.add_argument("--check", action="store_true", help="Fail if the file differs from the schema.")

    def handle(self, *args: Any, out: str, check: bool, **options: Any) -> None:
        sdl = current_schema_sdl()
        path = Path(out)
        if check:
            existing = path.read_text() if path.exists() else ""
            if existing != sdl:
                diff = "".join(
                    list(difflib.unified_diff(existing.splitlines(True), sdl.splitlines(True), str(path), "schema"))[
                        :60
                    ]
                )
                raise CommandError(
                    f"{path.name} is stale. Run 'make schema' (manage.py export_schema) and commit it.\n{diff}"
                )
            self.stdout.write(f"{path.name} is current.")
            return
        path.write_text(sdl)
        self.stdout.write(f"Wrote {path}")
