"""Every root field, with every field below it to a fixed depth, answers without an internal error.

The queries come from the schema by introspection, not from a hand-kept list: each root field with its
default arguments, then with each argument alone set to a plausible value of its type; each nested field's
arguments are tried the same way, on aliased copies of the field. They run over the test client on the demo
content, with one of every hidden thing beside it.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    build_client_schema,
    get_named_type,
    get_nullable_type,
    introspection_from_schema,
    is_abstract_type,
    is_leaf_type,
    is_required_argument,
)
from grapple.registry import registry
from grapple.schema import schema as graphql_schema
from wagtail.models import Page

from home.models import HomePage
from stories.models import CampaignIndexPage

SCHEMA = build_client_schema(introspection_from_schema(graphql_schema.graphql_schema))
# Levels of fields below a root field, the last one of scalars.
DEPTH = 3
NESTED_LIST_LIMIT = 2

# Plausible values for String arguments, by argument name; any other String gets a real slug.
STRINGS = {
    "slug": ["better-together"],
    "urlPath": ["/better-together/", "/es/better-together/"],
    "site": ["localhost"],
    "hostname": ["localhost"],
    "locale": ["es"],
    "contentType": ["stories.StoryPage"],
    "order": ["-id"],
    "query": ["together"],
    "searchQuery": ["together"],
    "token": ["not-a-token"],
    "name": ["DistrictSettings"],
    "school": ["mount-tahoma"],
    "program": ["Tacoma Online"],
    "month": ["2023-01"],
    "format": ["webp"],
    "fill": ["640x360"],
    "max": ["640x360"],
    "min": ["640x360"],
    "bgcolor": ["fff"],
    "email": ["dana@eastside.example"],
}
A_SLUG = "better-together"
# The walk's queries are over the size limits on purpose: those have their own tests.
UNLIMITED = {
    "GRAPHQL_MAX_TOKENS": 10**7,
    "GRAPHQL_MAX_ALIASES": 10**5,
    "GRAPHQL_MAX_COST": 10**9,
    "GRAPHQL_MAX_BODY_BYTES": 10**8,
}


class Values:
    """Plausible literals for an argument of any input type; ids are those of existing content."""

    def __init__(self, ids: dict[str, list[str]], page_id: str) -> None:
        self.ids = ids
        self.page_id = page_id

    def of(self, name: str, type_: GraphQLInputType, returns: GraphQLOutputType | None = None) -> list[str]:
        nullable = get_nullable_type(type_)
        if isinstance(nullable, GraphQLList):
            return [f"[{value}]" for value in self.of(name, nullable.of_type, returns)]
        if isinstance(nullable, GraphQLEnumType):
            return list(nullable.values)
        if isinstance(nullable, GraphQLInputObjectType):
            fields = (f"{key}: {self.of(key, field.type)[0]}" for key, field in nullable.fields.items())
            return ["{" + ", ".join(fields) + "}"]
        return [json.dumps(value) for value in self.scalar(name, nullable.name, returns)]

    def scalar(self, name: str, scalar: str, returns: GraphQLOutputType | None) -> list[Any]:
        if scalar == "ID":
            model_ids = self.ids.get(get_named_type(returns).name, []) if returns is not None else []
            return list(dict.fromkeys(["1", self.page_id, *model_ids]))
        if scalar in ("Int", "PositiveInt"):
            return [1, 5]
        if scalar == "Float":
            return [1.5]
        if scalar == "Boolean":
            return [True]
        if scalar == "DateTime":
            return ["2023-02-15T12:00:00-08:00"]
        if scalar == "Date":
            return [(datetime.date.today() + datetime.timedelta(days=60)).isoformat()]
        if scalar == "UUID":
            return ["6f1c1f0e-8a55-4c1b-9d3e-2b7f4a0c9e11"]
        if scalar == "JSONString":
            return ["{}"]
        return STRINGS.get(name, [A_SLUG])


def _bounded(field: GraphQLField) -> dict[str, str]:
    """A list below the root field is asked for a few items: each item multiplies the work below it."""
    return {"limit": str(NESTED_LIST_LIMIT)} if "limit" in field.args else {}


class QueryWriter:
    """Writes the selection of every field below a type, to a depth, with plausible required arguments."""

    def __init__(self, values: Values) -> None:
        self.values = values
        self.varied: set[tuple[str, str]] = set()
        self.expanded: dict[tuple[str, str], int] = {}

    def arguments(self, name: str, field: GraphQLField, chosen: dict[str, str]) -> str | None:
        """'(a: 1, b: "x")' with every required argument filled; None when one has no plausible value."""
        given = dict(chosen)
        for arg_name, arg in field.args.items():
            if arg_name not in given and is_required_argument(arg):
                values = self.values.of(arg_name, arg.type, field.type)
                if not values:
                    return None
                given[arg_name] = values[0]
        return "(" + ", ".join(f"{key}: {value}" for key, value in given.items()) + ")" if given else ""

    def selection(self, type_: GraphQLOutputType, depth: int, vary: bool) -> str:
        named = get_named_type(type_)
        if is_leaf_type(named):
            return ""
        if depth == 0:
            return "{ __typename }"
        shared = named.fields if isinstance(named, GraphQLInterfaceType | GraphQLObjectType) else {}
        # Response name → type: two types' fields of one name but different types need their own names.
        taken = {name: str(field.type) for name, field in shared.items()}
        parts = ["__typename", *self.fields(named, shared, depth, vary, taken)]
        if is_abstract_type(named):
            for possible in SCHEMA.get_possible_types(named):
                own = {key: field for key, field in possible.fields.items() if key not in shared}
                written = " ".join(self.fields(possible, own, depth, vary, taken))
                if written:
                    parts.append(f"... on {possible.name} {{ {written} }}")
        return "{ " + " ".join(parts) + " }"

    def fields(
        self,
        parent: GraphQLNamedType,
        fields: dict[str, GraphQLField],
        depth: int,
        vary: bool,
        taken: dict[str, str],
    ) -> list[str]:
        written = []
        for name, field in fields.items():
            if name.startswith("__"):
                continue
            arguments = self.arguments(name, field, _bounded(field))
            if arguments is None:
                continue
            alias = ""
            if taken.setdefault(name, str(field.type)) != str(field.type):
                alias = f"{name}_{parent.name}: "
            below = depth - 1
            if not is_leaf_type(get_named_type(field.type)):
                # A type's object field is written out again only where it has more levels below it than before:
                # each copy multiplies the work by the items of the lists above it.
                if below <= self.expanded.get((parent.name, name), 0):
                    continue
                self.expanded[(parent.name, name)] = below
            written.append(f"{alias}{name}{arguments} {self.selection(field.type, below, vary)}".strip())
            if vary and (parent.name, name) not in self.varied:
                # Each nested argument once per query, on an aliased copy asked only for its type.
                self.varied.add((parent.name, name))
                written += self.variants(parent, name, field)
        return written

    def variants(self, parent: GraphQLNamedType, name: str, field: GraphQLField) -> list[str]:
        written = []
        for arg_name, arg in field.args.items():
            for index, value in enumerate(self.values.of(arg_name, arg.type, field.type)):
                arguments = self.arguments(name, field, {**_bounded(field), arg_name: value})
                if arguments is not None:
                    alias = f"{name}_{arg_name}_{index}_{parent.name}"
                    written.append(f"{alias}: {name}{arguments} {self.selection(field.type, 0, False)}".strip())
        return written


ROOT_FIELDS = [
    (operation, name)
    for operation, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type))
    if root is not None
    for name in root.fields
]


def root_queries(operation: str, name: str, values: Values) -> list[str]:
    """The root field with its defaults (nested arguments varied), then with each argument set alone."""
    root = SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type
    field = root.fields[name]
    writer = QueryWriter(values)
    choices: list[dict[str, str]] = [{}]
    for arg_name, arg in field.args.items():
        choices += [{arg_name: value} for value in values.of(arg_name, arg.type, field.type)]
    queries = []
    for index, chosen in enumerate(choices):
        arguments = writer.arguments(name, field, chosen)
        if arguments is None:
            continue
        writer.expanded.clear()
        body = writer.selection(field.type, DEPTH, vary=index == 0)
        queries.append(f"{operation} {{ {name}{arguments} {body} }}")
    return queries


def _existing_ids() -> dict[str, list[str]]:
    """Type name → the id of an existing row of its model (the newest), for `ID` arguments; the page interface
    gets one page of each type, so that a lookup by id reaches every page type's fields."""
    ids: dict[str, list[str]] = {"PageInterface": []}
    for model, type_ in registry.class_models.items():
        name = getattr(getattr(type_, "_meta", None), "name", None)
        if not (isinstance(model, type) and issubclass(model, models.Model)):
            continue
        newest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if name and newest is not None:
            ids[name] = [str(newest)]
            if issubclass(model, Page):
                ids["PageInterface"].append(str(newest))
    return ids


@pytest.fixture(scope="module")
def demo_content(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo content, seeded once for the module (it takes many seconds) and rolled back after it.

    Each test runs in a savepoint inside this transaction, as in Django's `TestCase.setUpTestData`.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
        # Renditions made here serve every test: made in each, they were most of the walk's time.
        with override_settings(**UNLIMITED):
            for query in root_queries("query", "images", Values({}, "1"))[:1]:
                Client().post("/graphql/", json.dumps({"query": query}), content_type="application/json")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home(demo_content: None, db: None) -> HomePage:
    """The demo content's home page, so that `hidden_content` hides its things among the demo content."""
    return HomePage.objects.get(slug="home", depth=2)


@pytest.fixture
def campaign(home: HomePage) -> CampaignIndexPage:
    return CampaignIndexPage.objects.child_of(home).get(slug=A_SLUG)


@pytest.fixture
def walk_client(settings, hidden_content) -> Iterator[Client]:
    """A client that answers a server error with its status instead of raising it, without query limits."""
    for name, value in UNLIMITED.items():
        setattr(settings, name, value)
    yield Client(raise_request_exception=False)


def _field_path(error: dict[str, Any]) -> str:
    return ".".join(part for part in error.get("path") or [] if isinstance(part, str))


def _unexpected(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Errors the server did not mean: internal, or on a field and without a code."""
    found = []
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        if code == "INTERNAL_SERVER_ERROR" or ("path" in error and not code):
            found.append(error)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "name"), ROOT_FIELDS, ids=[f"{op}.{name}" for op, name in ROOT_FIELDS])
def test_every_field_below_a_root_field_answers(walk_client: Client, operation: str, name: str) -> None:
    page_id = str(Page.objects.get(slug=A_SLUG, depth=3, locale__language_code="en").pk)
    failures = []
    for query in root_queries(operation, name, Values(_existing_ids(), page_id)):
        response = walk_client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
        if response.status_code >= 500:
            failures.append(f"{response.status_code} for {query}")
            continue
        body = response.json()
        if body.get("data") is None and not any("path" in error for error in body.get("errors", [])):
            # Refused before it ran (a query the walk wrote wrong): the fields below it were never resolved.
            failures.append(f"not run: {[error['message'] for error in body.get('errors', [])]}\nin {query}")
            continue
        errors = _unexpected(body.get("errors") or [])
        if errors:
            # One line per field, not per list item; the request id only makes lines differ.
            seen = {(_field_path(error), error["message"].split(" Request id:")[0]) for error in errors}
            failures.append("\n".join([*(f"{path}: {message}" for path, message in sorted(seen)), f"in {query}"]))
    assert failures == [], f"{len(failures)} queries failed:\n\n" + "\n\n".join(failures)
