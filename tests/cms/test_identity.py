"""One identity per object: every `__typename` + `id` means one answer, in every language and query.

Normalized client caches (Apollo, urql, Relay) keep one record per `Type:id`; if two answers about one key
disagree, a Spanish query rewrites what an English screen shows. The demo content with its Spanish
translations is asked for in English, Spanish, English again and without a locale, through a query that
selects `__typename`, `id` and every scalar of each object three levels down.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)
from grapple.schema import schema
from wagtail.models import Page

from cms.preview import make_token
from partners.models import ContactOffice, PartnershipPage
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

DEPTH = 3
# Fields that need arguments to mean anything (a rendition needs a filter), the tree walks (`pages` and
# `children` visit the same pages), and what grapple answers for some blocks with a value its String scalar
# refuses (a struct's `rawValue`, a multiple choice among a struct's generic `blocks`): the error would hide
# those blocks from the check. `test_struct_children_have_stable_distinct_ids` covers `blocks`.
SKIPPED_FIELDS = {
    *("rendition", "srcSet", "renditions", "rawValue", "blocks"),
    *("siblings", "nextSiblings", "previousSiblings", "descendants", "ancestors"),
}
ROOTS = [
    'partnership: page(slug: "partner-with-tps", locale: $locale)',
    'campaign: page(slug: "better-together", locale: $locale)',
    'award: page(slug: "shining-star-award", locale: $locale)',
    'interest: page(slug: "interest-form", locale: $locale)',
    'letter: page(slug: "letter-of-support", locale: $locale)',
    'home: page(urlPath: "/", locale: $locale)',
    "pages(locale: $locale)",
    "snippets(locale: $locale)",
    "stories(locale: $locale)",
    "contactOffices(locale: $locale)",
    "awardRecipients(locale: $locale)",
    'search(query: "Kendy", locale: $locale)',
    "images",
    "documents",
    "collections",
    "sites",
    "settings",
]


def _usable(field: GraphQLField) -> bool:
    return not any(is_non_null_type(arg.type) and arg.default_value is None for arg in field.args.values())


# Members of a union whose `id` is `ID!` beside others' `ID` (a document in `search`): the query cannot select
# both under one name.
MIXED_ID_MEMBERS = {
    member.name
    for union in schema.graphql_schema.type_map.values()
    if isinstance(union, GraphQLUnionType)
    and len({str(m.fields["id"].type) for m in union.types if "id" in m.fields}) > 1
    for member in union.types
    if "id" in member.fields and str(member.fields["id"].type) == "ID!"
}


class QueryWriter:
    """A query selecting `__typename`, `id` and every scalar of each object, `DEPTH` levels down, with one
    named fragment per type and depth so that the query stays small."""

    def __init__(self) -> None:
        self.fragments: dict[str, str] = {}
        self.field_types: dict[str, str] = {}

    def _key(self, name: str, field: GraphQLField, owner: str = "") -> str:
        """The field, under an alias where another type has a field of that name with another type. `id` keeps
        its name, which a cache reads, but where it is an `ID!` beside the `ID` of pages (a document in `search`)."""
        type_name = str(field.type)
        if name == "id":
            return f"id_{''.join(c for c in type_name if c.isalnum())}: id" if owner in MIXED_ID_MEMBERS else name
        if self.field_types.setdefault(name, type_name) == type_name:
            return name
        return f"{name}_{''.join(c for c in type_name if c.isalnum())}: {name}"

    def selection(self, type_: Any, depth: int) -> str:
        named = get_named_type(type_)
        name = f"{named.name}{depth}"
        if name not in self.fragments:
            self.fragments[name] = ""  # claimed before the body is written
            self.fragments[name] = f"fragment {name} on {named.name} {{ {self._body(named, depth)} }}"
        return f"...{name}"

    def _body(self, named: Any, depth: int) -> str:
        if isinstance(named, GraphQLUnionType):
            return " ".join(["__typename", *(self.selection(member, depth) for member in named.types)])
        parts = ["__typename"]
        for name, field in named.fields.items():
            if name in SKIPPED_FIELDS or not _usable(field):
                continue
            inner = get_named_type(field.type)
            if is_leaf_type(inner):
                parts.append(self._key(name, field, named.name))
            elif depth > 1:
                parts.append(f"{self._key(name, field)} {{ {self.selection(inner, depth - 1)} }}")
        if isinstance(named, GraphQLInterfaceType):
            parts += [self.selection(impl, depth) for impl in schema.graphql_schema.get_possible_types(named)]
        return " ".join(parts)


def generated_query() -> str:
    query_type: GraphQLObjectType = schema.graphql_schema.query_type
    writer = QueryWriter()
    fields = []
    for root in ROOTS:
        name = root.split("(")[0].split(":")[-1].strip()
        fields.append(f"{root} {{ {writer.selection(query_type.fields[name].type, DEPTH)} }}")
    operation = "query Everything($locale: String) { " + " ".join(fields) + " }"
    return "\n".join([operation, *writer.fragments.values()])


def _normalize(value: Any, records: dict[str, list[dict[str, Any]]]) -> Any:
    """What a normalized cache stores for `value`: objects with an id become references to their record."""
    if isinstance(value, list):
        return [_normalize(item, records) for item in value]
    if not isinstance(value, dict):
        return value
    fields = {key: _normalize(item, records) for key, item in value.items()}
    if value.get("id") is not None and "__typename" in value:
        key = f"{value['__typename']}:{value['id']}"
        records.setdefault(key, []).append(fields)
        return {"__ref": key}
    return fields


def _disagreement(first: Any, second: Any) -> bool:
    """True when two values of one field say different things (objects compare on the fields both have)."""
    if isinstance(first, dict) and isinstance(second, dict):
        return any(_disagreement(first[key], second[key]) for key in first.keys() & second.keys())
    if isinstance(first, list) and isinstance(second, list):
        return len(first) != len(second) or any(_disagreement(a, b) for a, b in zip(first, second, strict=True))
    return first != second


def conflicts(answers: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Each (Type:id, field) that two answers give different values, with the values."""
    seen: dict[str, dict[str, tuple[str, Any]]] = {}
    found = []
    for label, data in answers:
        records: dict[str, list[dict[str, Any]]] = {}
        _normalize(data, records)
        for key, versions in records.items():
            for fields in versions:
                for field, value in fields.items():
                    earlier = seen.setdefault(key, {}).setdefault(field, (label, value))
                    if _disagreement(earlier[1], value):
                        found.append(f"{key}.{field}: {earlier[0]} {earlier[1]!r} != {label} {value!r}"[:400])
    return found


@pytest.fixture
def unlimited(settings) -> None:
    """The generated query is far larger than a frontend's; the limits are not what this test is about."""
    settings.GRAPHQL_MAX_DEPTH = 50
    settings.GRAPHQL_MAX_TOKENS = 10**6
    settings.GRAPHQL_MAX_COST = 10**15
    settings.GRAPHQL_MAX_ALIASES = 10**4
    settings.GRAPHQL_MAX_BODY_BYTES = 10**7


def test_every_id_names_one_answer_in_every_language(seeded, unlimited, gql) -> None:
    query = generated_query()
    answers = [(str(locale), gql(query, {"locale": locale})) for locale in ("en", "es", "en", None)]
    assert conflicts(answers) == []
    keys = {key for _, data in answers for key in _records(data)}
    # The check saw what it is about: Spanish translations, fallbacks, blocks and struct children, snippets.
    assert any(key.startswith("PrincipleBlock:") for key in keys)
    assert any(key.startswith("CallToActionBlock:") for key in keys)
    assert any(key.startswith("StoryPage:") and key.endswith(":es") for key in keys)
    assert any(key.startswith("AwardRecipient:") for key in keys)
    assert any(key.startswith("AvailableLocale:") for key in keys)


def _records(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    _normalize(data, records)
    return records


@pytest.fixture
def jose(seeded) -> StoryPage:
    return StoryPage.objects.get(slug="2023-03-jose", locale__language_code="en")


def test_a_fallback_has_an_id_qualified_by_the_asked_locale(partnership, gql) -> None:
    data = gql('{ page(slug: "partner", locale: "es") { id isFallback } }')
    assert data["page"] == {"id": f"{partnership.pk}:es", "isFallback": True}
    english = gql('{ page(slug: "partner", locale: "en") { id isFallback } }')
    assert english["page"] == {"id": str(partnership.pk), "isFallback": False}


def test_a_qualified_id_asks_for_the_page_in_its_locale(partnership, translate, gql) -> None:
    fallback = gql(f'{{ page(id: "{partnership.pk}:es") {{ id locale isFallback }} }}')
    assert fallback["page"] == {"id": f"{partnership.pk}:es", "locale": "en", "isFallback": True}
    spanish = translate(partnership, "es")
    translated = gql(f'{{ page(id: "{partnership.pk}:es", locale: "es-MX") {{ id locale isFallback }} }}')
    assert translated["page"] == {"id": str(spanish.pk), "locale": "es", "isFallback": False}


def test_an_id_whose_locale_clashes_with_the_locale_argument_is_refused(partnership, graphql) -> None:
    body = graphql(f'{{ page(id: "{partnership.pk}:es", locale: "en") {{ id }} }}')
    assert body["data"] == {"page": None}
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'es'" in error["message"] and "'en'" in error["message"]


@pytest.mark.parametrize("value", ["12:", "12:xx", "abc", "12:es:es", ":es"])
def test_a_malformed_id_is_refused_in_words(partnership, graphql, value: str) -> None:
    body = graphql("query($id: ID) { page(id: $id) { id } }", {"id": value})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error


def test_a_qualified_id_where_no_locale_can_be_asked_is_refused(partnership, graphql) -> None:
    body = graphql(f'{{ page(slug: "partner") {{ children(id: "{partnership.pk}:es") {{ id }} }} }}')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


PATHWAYS = """
query($locale: String) { page(slug: "partner-with-tps", locale: $locale) { id ... on PartnershipPage {
  principles { id }
  pathways { id ... on PathwayBlock { callsToAction { id ... on CallToActionBlock { text } } } }
  partnerKinds { id ... on PartnerKindBlock { blocks { id field } } }
} } }
"""


def test_block_ids_are_qualified_by_their_page_as_served(seeded, gql) -> None:
    english, spanish = (gql(PATHWAYS, {"locale": code})["page"] for code in ("en", "es"))
    assert spanish["id"] != english["id"]
    for page in (english, spanish):
        for block in page["principles"] + page["pathways"]:
            assert block["id"].startswith(f"{page['id']}."), block
    english_ids = {block["id"] for block in english["principles"]}
    assert english_ids.isdisjoint(block["id"] for block in spanish["principles"])


def test_struct_children_have_stable_distinct_ids(seeded, gql) -> None:
    page = gql(PATHWAYS, {"locale": "en"})["page"]
    children = [cta for pathway in page["pathways"] for cta in pathway["callsToAction"]]
    assert children, page
    ids = [cta["id"] for cta in children]
    assert len(set(ids)) == len(ids)
    first = page["pathways"][0]
    assert [cta["id"] for cta in first["callsToAction"]] == [
        f"{first['id']}.calls_to_action.{index}" for index in range(len(first["callsToAction"]))
    ]
    kind = page["partnerKinds"][0]
    assert [child["id"] for child in kind["blocks"]] == [f"{kind['id']}.{child['field']}" for child in kind["blocks"]]
    assert gql(PATHWAYS, {"locale": "en"})["page"] == page


def test_a_previewed_draft_does_not_share_ids_with_the_live_page(seeded, gql) -> None:
    page = PartnershipPage.objects.get(locale__language_code="en")
    live = gql(PATHWAYS, {"locale": "en"})["page"]
    page.title = "A draft title"
    page.save_revision()
    token = make_token(page)
    query = PATHWAYS.replace('slug: "partner-with-tps", locale: $locale', "token: $token").replace(
        "$locale: String", "$token: String"
    )
    draft = gql(query, {"token": token})["page"]
    assert draft["id"] not in (live["id"], None)
    assert {block["id"] for block in draft["principles"]}.isdisjoint(block["id"] for block in live["principles"])


def test_available_locales_of_a_page_and_a_snippet_never_share_an_id(seeded, gql) -> None:
    office = ContactOffice.objects.filter(locale__language_code="en").order_by("pk").first()
    page = Page.objects.filter(locale__language_code="en", depth__gt=1).order_by("pk").first()
    data = gql(
        """{ pages(limit: 100) { id availableLocales { id code url } }
        contactOffices { id availableLocales { id code url } } }"""
    )
    entries: dict[str, Any] = {}
    for item in data["pages"] + data["contactOffices"]:
        for entry in item["availableLocales"]:
            assert entries.setdefault(entry["id"], entry) == entry
    assert office is not None and page is not None
    assert f"Page:{page.pk}" in entries


def test_possible_types_file_is_current_and_lists_every_abstract_type() -> None:
    path = Path(settings.BASE_DIR) / "possibleTypes.json"
    possible = json.loads(path.read_text())
    abstract = {
        name
        for name, type_ in schema.graphql_schema.type_map.items()
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType) and not name.startswith("__")
    }
    assert set(possible) == abstract
    assert "StoryPage" in possible["PageInterface"]
    assert possible["StreamFieldInterface"] == sorted(possible["StreamFieldInterface"])
    call_command("export_schema", "--check")
