"""Write the GraphQL schema to schema.graphql and its abstract types to possibleTypes.json, or with --check
fail if either file is stale."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from graphql import GraphQLInterfaceType, GraphQLUnionType, print_schema


def current_schema_sdl() -> str:
    from grapple.schema import schema

    return print_schema(schema.graphql_schema).rstrip() + "\n"


def current_possible_types() -> str:
    """Every interface and union with the object types that can stand for it, in Apollo Client's
    `possibleTypes` format (urql's Graphcache and Relay read the same lists), sorted so that it is stable."""
    from grapple.schema import schema

    graphql_schema = schema.graphql_schema
    possible = {
        name: sorted(member.name for member in graphql_schema.get_possible_types(type_))
        for name, type_ in sorted(graphql_schema.type_map.items())
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType) and not name.startswith("__")
    }
    return json.dumps(possible, indent=2, sort_keys=True) + "\n"


def _stale(path: Path, current: str) -> str | None:
    """A short diff when the file at `path` differs from `current`; None when it is current."""
    existing = path.read_text() if path.exists() else ""
    if existing == current:
        return None
    diff = difflib.unified_diff(existing.splitlines(True), current.splitlines(True), str(path), "schema")
    return "".join(list(diff)[:60])


class Command(BaseCommand):
    help = (
        "Export the GraphQL schema (SDL) to schema.graphql and the possible types of its interfaces and unions "
        "to possibleTypes.json beside it; --check compares instead of writing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "schema.graphql"))
        parser.add_argument("--check", action="store_true", help="Fail if either file differs from the schema.")

    def handle(self, *args: Any, out: str, check: bool, **options: Any) -> None:
        path = Path(out)
        files = {path: current_schema_sdl(), path.with_name("possibleTypes.json"): current_possible_types()}
        if check:
            for each, current in files.items():
                diff = _stale(each, current)
                if diff is not None:
                    raise CommandError(
                        f"{each.name} is stale. Run 'make schema' (manage.py export_schema) and commit it.\n{diff}"
                    )
                self.stdout.write(f"{each.name} is current.")
            return
        for each, current in files.items():
            each.write_text(current)
            self.stdout.write(f"Wrote {each}")
