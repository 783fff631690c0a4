"""Every GraphQL answer an install gives: each query of docs/queries.md in every content language, and every
query the schema walk writes (tests/cms/test_schema_walk.py), by key; run inside an install with
`manage.py shell -c "from tests.portable_answers import main; main('answers.json')"` to compare two installs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client, override_settings
from graphql import parse
from wagtail.models import Page

from tests.cms.test_schema_walk import A_SLUG, ROOT_FIELDS, UNLIMITED, Values, _existing_ids, root_queries
from tests.documented import operation_name, operations, variables_for

# What differs between two installs by design: the delta-sync journal is rebuilt (new positions), and each
# request has its own id.
SKIPPED_ROOTS = {"changes"}
REQUEST_ID = re.compile(r"Request id: \w+")


def answer(client: Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    body = json.dumps({"query": query, "variables": variables or {}})
    response = client.post("/graphql/", body, content_type="application/json", HTTP_ACCEPT="application/json")
    answered = json.loads(REQUEST_ID.sub("Request id: -", response.content.decode()))
    display = (answered.get("data") or {}).get("display")
    if isinstance(display, dict):
        display.pop("at", None)  # the instant the display was asked at
    return answered


def answers(walk_all: bool) -> dict[str, Any]:
    """`walk_all` False: of the walk's queries, each root field's first, which selects every field below it with
    its nested arguments varied (the others set one root argument each, and take minutes more)."""
    found: dict[str, Any] = {}
    client = Client(raise_request_exception=False)
    languages = [code for code, _ in settings.LANGUAGES]
    with override_settings(**UNLIMITED, GRAPHQL_CACHE_SECONDS=0):
        for query in operations():
            if query.lstrip().startswith("mutation") or "$token" in query or "changes(" in query:
                continue
            declared = {v.variable.name.value for v in parse(query).definitions[0].variable_definitions}
            for language in languages if "locale" in declared else ["-"]:
                variables = variables_for(query, declared)
                if "locale" in declared:
                    variables["locale"] = language
                found[f"docs {operation_name(query)} {language}"] = answer(client, query, variables)
        page_id = str(Page.objects.get(slug=A_SLUG, depth=3, locale__language_code="en").pk)
        values = Values(_existing_ids(), page_id)
        for operation, name in ROOT_FIELDS:
            if operation != "query" or name in SKIPPED_ROOTS:
                continue
            queries = root_queries(operation, name, values)
            for index, query in enumerate(queries if walk_all else queries[:1]):
                found[f"walk {name} {index}"] = answer(client, query)
    return found


def main(path: str, walk_all: bool = False) -> None:
    Path(path).write_text(json.dumps(answers(walk_all), indent=1, sort_keys=True, ensure_ascii=False))
