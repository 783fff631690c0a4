"""Surrogate keys: the content a public answer includes, named so a CDN can purge exactly what an edit changes.

Every public answer (GraphQL, and the site's pages built from it) carries its keys twice, as Fastly reads
them (`Surrogate-Key`, space-separated) and as Cloudflare does (`Cache-Tag`, comma-separated):

- `btcms` on every answer: a change the keys below do not follow (a site, language, setting, restriction,
  collection, alert or screen) purges it, and so does a purge of everything;
- `pages` on every answer that includes a page or looks pages up: a page's publish, unpublish, move or
  delete can change any other page's answer (its children, its URL, its languages), so it purges them all;
- `<model>` (`cms.customimage`, `partners.contactoffice`) on an answer that lists or looks up that kind of
  image, document or snippet: a new one may belong in it;
- `<model>:<id>` for each image, document or snippet the answer read (past MAX_ITEM_KEYS of one kind, the
  kind's key instead): editing an image's alt text purges only the answers that show that image.

The keys an answer gets come from two places: the query document (which root fields and lists it asks for,
worked out once per text) and the rows the resolvers actually read (`post_init`, while the query runs).
`change_keys` gives the keys an edit invalidates: webhook payloads report them, for a CDN purge.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Model
from django.http import HttpResponse
from graphql import (
    DocumentNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    get_nullable_type,
    visit,
)
from wagtail.models import Page

ALL = "btcms"
PAGES = "pages"
MAX_ITEM_KEYS = 32

_reading: contextvars.ContextVar[set[tuple[type, Any]] | None] = contextvars.ContextVar("surrogate_reads", default=None)


@contextlib.contextmanager
def reading() -> Iterator[set[tuple[type, Any]]]:
    """Collect (model, pk) of every row loaded inside the block."""
    seen: set[tuple[type, Any]] = set()
    token = _reading.set(seen)
    try:
        yield seen
    finally:
        _reading.reset(token)


def _row_loaded(sender: type, instance: Model, **kwargs: Any) -> None:
    seen = _reading.get()
    if seen is not None:
        seen.add((sender, instance.pk))


def connect() -> None:
    from django.db.models.signals import post_init

    post_init.connect(_row_loaded, dispatch_uid="surrogate-keys-rows")


@functools.cache
def kind_of(model: type[Model]) -> str | None:
    """The key a model's rows are named under: `pages`, a tracked model's label, or None (followed by `btcms`)."""
    if issubclass(model, Page):
        return PAGES
    return model._meta.label_lower if model in _tracked_models() else None


@functools.cache
def _tracked_models() -> frozenset[type]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    return frozenset([get_image_model(), get_document_model(), *get_snippet_models()])


def read_keys(rows: Iterable[tuple[type, Any]]) -> set[str]:
    """Keys for rows read: `pages` for any page, one key per image, document or snippet (per kind, up to a cap)."""
    keys: set[str] = set()
    items: defaultdict[str, set[Any]] = defaultdict(set)
    for model, pk in rows:
        kind = _row_kind(model)
        if kind == PAGES:
            keys.add(PAGES)
        elif kind is not None and pk is not None:
            items[kind].add(pk)
    for kind, pks in items.items():
        keys.update([kind] if len(pks) > MAX_ITEM_KEYS else (f"{kind}:{pk}" for pk in pks))
    return keys


@functools.cache
def _row_kind(model: type[Model]) -> str | None:
    # A rendition is its image: it changes only when the image does.
    from wagtail.images.models import AbstractRendition

    if issubclass(model, AbstractRendition):
        return kind_of(model._meta.get_field("image").related_model)
    return kind_of(model)


_LOOKUP_KEYS: dict[str, frozenset[str]] = {}
KEPT_TEXTS = 256


def lookup_keys(schema: GraphQLSchema, query: str, document: DocumentNode) -> frozenset[str]:
    """`document_keys` of a query text, worked out once per text (the last KEPT_TEXTS texts)."""
    keys = _LOOKUP_KEYS.get(query)
    if keys is None:
        if len(_LOOKUP_KEYS) >= KEPT_TEXTS:
            _LOOKUP_KEYS.clear()
        keys = _LOOKUP_KEYS[query] = document_keys(schema, document)
    return keys


def document_keys(schema: GraphQLSchema, document: DocumentNode) -> frozenset[str]:
    """Keys for what a document looks up or lists: every root field's type (and, for a type that is no model's,
    such as `Display`, the kinds it leads to), and the kind of every list's items.

    A list inside a page (its StreamField blocks, say) names no kinds through its blocks: what a block shows
    is read as rows (their own keys), and a block is added only by editing the page."""
    type_info = TypeInfo(schema)
    keys: set[str] = set()

    class Lookups(Visitor):
        def enter_field(self, *args: Any) -> None:
            field, parent = type_info.get_field_def(), type_info.get_parent_type()
            if field is None:
                return
            if parent is schema.query_type:
                keys.update(_type_keys(schema, get_named_type(field.type).name, follow=True))
            # graphql-core's GraphQLOutputType names GraphQLWrappingType, which get_nullable_type's overloads omit.
            elif isinstance(get_nullable_type(field.type), GraphQLList):  # type: ignore[arg-type]
                keys.update(_type_keys(schema, get_named_type(field.type).name, follow=False))

    visit(document, TypeInfoVisitor(type_info, Lookups()))
    return frozenset(keys)


@functools.cache
def _type_keys(schema: GraphQLSchema, name: str, *, follow: bool) -> frozenset[str]:
    """A type's keys: a model-backed type's kind (an interface's or union's: its members'); with `follow`, for a
    type that is no model's, the kinds of the types its fields lead to."""
    keys: set[str] = set()
    seen: set[str] = set()
    waiting: list[GraphQLNamedType | None] = [schema.get_type(name)]
    while waiting:
        named = waiting.pop()
        if named is None or named.name in seen:
            continue
        seen.add(named.name)
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            waiting.extend(schema.get_possible_types(named))
            continue
        kind = _graphql_kinds().get(named.name)
        if kind is not None:
            keys.add(kind)
        elif follow and isinstance(named, GraphQLObjectType):
            waiting.extend(get_named_type(field.type) for field in named.fields.values())
    return frozenset(keys)


@functools.cache
def _graphql_kinds() -> dict[str, str | None]:
    """GraphQL type name → key, for the types grapple made from pages, images, documents and snippets."""
    from grapple.registry import registry
    from wagtail.documents import get_document_model

    kinds: dict[str, str | None] = {}
    for models in (registry.pages, registry.images, registry.snippets):
        for model, graphql_type in models.items():
            kind = _row_kind(model)
            if kind is not None:
                kinds[graphql_type._meta.name] = kind
    kinds["DocumentObjectType"] = kind_of(get_document_model())
    return kinds


def change_keys(obj: Model) -> list[str]:
    """The keys an edit of this row invalidates: what a CDN should purge."""
    kind = _row_kind(type(obj))
    if kind is None:
        return [ALL]
    if kind == PAGES:
        return [PAGES]
    return [kind, f"{kind}:{obj.pk}"]


def tag(response: HttpResponse, keys: Iterable[str]) -> None:
    """Name the answer's content for Fastly (Surrogate-Key) and Cloudflare (Cache-Tag)."""
    ordered = sorted({ALL, *keys})
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
