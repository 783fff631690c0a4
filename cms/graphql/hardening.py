"""Schema hardening applied while grapple builds the schema.

Page types: grapple derives page types from the Page model and keeps every column that Wagtail's Page has,
among them `draftTitle`, `hasUnpublishedChanges`, `aliases` and `aliasOf`, which describe drafts
and unpublished aliases. A page type here keeps only the page interface's fields and the fields its
model declares in `graphql_fields`.
"""

from __future__ import annotations

import json
from typing import Any

import graphene
from django.core.serializers.json import DjangoJSONEncoder
from graphene import Int
from graphql import GraphQLError, GraphQLResolveInfo, Undefined
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.documents import get_document_type
from grapple.types.images import ImageObjectType, get_image_type, rendition_allowed
from grapple.types.interfaces import StreamFieldInterface, get_page_interface
from grapple.types.pages import Page as GenericPageType
from grapple.types.streamfield import StructBlockItem
from grapple.types.structures import PositiveInt
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images.models import AbstractImage

from cms.graphql.locales import served_id


def prune_page_types() -> list[str]:
    """Drop undeclared model columns from every page type; returns 'Type.field' for each removed."""
    kept_everywhere = set(get_page_interface()._meta.fields) | {"id"}
    removed: list[str] = []
    for node in {GenericPageType, *registry.pages.values()}:
        for name in list(node._meta.fields):
            if name in kept_everywhere or hasattr(node, f"resolve_{name}"):
                continue
            del node._meta.fields[name]
            removed.append(f"{node._meta.name}.{name}")
    return removed


def explain_refused_renditions() -> None:
    """A rendition outside the allow-list gets an error that names the filter and what is offered.

    grapple raises a bare TypeError there, which the view would mask as an internal error.
    """
    offered = ", ".join(grapple_settings.ALLOWED_IMAGE_FILTERS or [])

    def resolve_rendition(instance: AbstractImage, info: GraphQLResolveInfo, **kwargs: Any):
        spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
        if not rendition_allowed(spec):
            raise GraphQLError(f"Image filter '{spec}' is not offered. Ask for one of: {offered}.")
        return ImageObjectType.resolve_rendition(instance, info, **kwargs)

    get_image_type().resolve_rendition = resolve_rendition


def drop_undeclared_models() -> list[str]:
    """Leave out of the schema the plain models that declare no `graphql_fields`.

    grapple gives every model of its apps a type, and the `search` union lists them all; for records the
    public never reads (form submissions, letter requests, the email outbox) that is an `id`-only type
    that only advertises they exist. Returns the names of the models left out.
    """
    dropped = [model for model in registry.django_models if not getattr(model, "graphql_fields", None)]
    for model in dropped:
        del registry.django_models[model]
    return sorted(model._meta.label for model in dropped)


def refuse_unreadable_positive_ints() -> None:
    """`limit: "ten"` or `limit: -1` gets the spec's "Expected value of type 'PositiveInt'" error.

    grapple's PositiveInt compares whatever it was given with 0, so a string crashed validation.
    """

    def parse_literal(ast: Any, _variables: Any = None) -> Any:
        value = Int.parse_literal(ast, _variables)
        return value if isinstance(value, int) and value >= 0 else Undefined

    PositiveInt.parse_literal = staticmethod(parse_literal)


def route_site_pages_through_public_resolvers() -> None:
    """`sites { pages page }` answer like the root `pages` and `page`: public pages only, in a locale.

    grapple's own resolvers there served expired pages, failed on a translated page's slug, and took
    preview tokens that never expire.
    """
    from grapple.types.sites import SiteObjectType

    from cms.graphql.locales import locale_argument
    from cms.graphql.queries import site_page, site_pages

    for name in ("pages", "page"):
        SiteObjectType._meta.fields[name].args["locale"] = locale_argument()
    SiteObjectType.resolve_pages = staticmethod(site_pages)
    SiteObjectType.resolve_page = staticmethod(site_page)


def identify_items_as_served() -> None:
    """Pages and snippets answer `id` as served (see `served_id`): a fallback or a previewed draft is a
    different answer from the item in its own language, so it has a different id."""

    def resolve_id(root: Any, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return served_id(info, root)

    for node in {GenericPageType, *registry.pages.values(), *registry.snippets.values()}:
        node.resolve_id = staticmethod(resolve_id)


class IdentifiedStructValue(StructValue):
    """A struct block's value served as a block of its own (a list's item, a struct's child), with its id."""

    def __init__(self, value: StructValue, id: str) -> None:
        super().__init__(value.block, list(value.items()))
        self.id = id


def _identified(item: Any, block: Any, id: str) -> Any:
    """`item` as a block of the answer whose `id` is `id`, a new object: block values are shared by answers."""
    if isinstance(item, StreamValue.StreamChild):
        return StreamValue.StreamChild(item.block, item.value, id=id)
    if isinstance(item, StructBlockItem):
        return StructBlockItem(id, item.block, item.value)
    if isinstance(item, StructValue):
        return IdentifiedStructValue(item, id)
    return StructBlockItem(id, block, item)


def _is_block_list(field: Any) -> bool:
    inner = field.type
    while hasattr(inner, "of_type"):
        inner = inner.of_type
    return inner is StreamFieldInterface


def _wrap_resolver(node: Any, name: str, field: Any, wrap: Any) -> None:
    """Put `wrap(original)` in place of the resolver graphene would use for `node.name`, once."""
    original = field.resolver or getattr(node, f"resolve_{name}", None)
    if getattr(original, "identifies_blocks", False):
        return
    if original is None:

        def original(root: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
            return getattr(root, name, None)

    resolver = wrap(original)
    resolver.identifies_blocks = True
    if field.resolver is not None:
        field.resolver = resolver
    else:
        setattr(node, f"resolve_{name}", staticmethod(resolver))


def _owned_blocks(original: Any) -> Any:
    """A page's (or snippet's) stream field, its blocks named by the page as served."""

    def resolve(root: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        value = original(root, info, **kwargs)
        if value is None:
            return None
        if info.context.asked_locale(info) is None and getattr(root, "locale_id", None) is not None:
            # What the blocks lead to (a button's page) comes in their page's language, however it was reached.
            info.context.remember_locale(info, root.locale_id)
        owner = served_id(info, root)
        return [_identified(child, child.block, f"{owner}.{child.id or i}") for i, child in enumerate(value)]

    return resolve


def _child_blocks(name: str) -> Any:
    """A block's field `name` that holds blocks, each named by its parent's id and its place there."""

    def wrap(original: Any) -> Any:
        def resolve(root: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
            value = original(root, info, **kwargs)
            parent = getattr(root, "id", None)
            if value is None or parent is None:
                return value
            if name == "blocks":  # a struct's children by name, a stream's by their own ids
                return [_identified(item, item.block, f"{parent}.{item.id or i}") for i, item in enumerate(value)]
            if name == "items":  # grapple gives a list's items their list's id
                return [_identified(item, item.block, f"{parent}.{i}") for i, item in enumerate(value)]
            block = getattr(getattr(root, "block", None), "child_blocks", {}).get(name)
            if isinstance(value, StreamValue):
                return [
                    _identified(child, child.block, f"{parent}.{name}.{child.id or i}") for i, child in enumerate(value)
                ]
            if isinstance(value, ListValue | list | tuple):
                child = getattr(block, "child_block", None)
                return [_identified(item, child, f"{parent}.{name}.{i}") for i, item in enumerate(value)]
            return _identified(value, block, f"{parent}.{name}")

        return resolve

    return wrap


def identify_blocks_by_owner() -> None:
    """Every stream block's `id` names one answer: its page's id as served, then its own id
    ('12.<uuid>', '12:es.<uuid>'), and a struct's child the parent's id and the child's name and position
    ('12.<uuid>.calls_to_action.0').

    wagtail-localize copies block ids into translations, so a block had the same id in English and Spanish;
    a struct's children had their field name as id, a list's items their list's id, and a struct child
    reached through `graphql_fields` had none (`'StructValue' object has no attribute 'id'`).
    """
    StreamFieldInterface.resolve_id = lambda self, info, **kwargs: getattr(self, "id", None)
    owners = {GenericPageType, *registry.pages.values(), *registry.snippets.values(), *registry.settings.values()}
    for node in owners:
        for name, field in node._meta.fields.items():
            if _is_block_list(field):
                _wrap_resolver(node, name, field, _owned_blocks)
    for node in set(registry.streamfield_blocks.values()):
        if not hasattr(node, "_meta") or not hasattr(node._meta, "fields"):
            continue
        for name, field in node._meta.fields.items():
            if _is_block_list(field):
                _wrap_resolver(node, name, field, _child_blocks(name))


def keep_collection_relatives_public() -> None:
    """A collection's `descendants` and `ancestors` are public collections only.

    grapple leaves out only collections that carry a view restriction themselves, so the collections below
    a restricted one were listed by name.
    """
    from grapple.types.collections import CollectionObjectType
    from wagtail.models import Collection

    from cms.visibility import public_collections

    def resolve_descendants(collection: Collection, info: GraphQLResolveInfo, **kwargs: Any):
        return public_collections(info.context).descendant_of(collection).order_by("path")

    def resolve_ancestors(collection: Collection, info: GraphQLResolveInfo, **kwargs: Any):
        return public_collections(info.context).ancestor_of(collection).order_by("path")

    CollectionObjectType.resolve_descendants = resolve_descendants
    CollectionObjectType.resolve_ancestors = resolve_ancestors


def offered_widths(format: str | None = None) -> list[int]:
    """The widths `width-N` renditions are offered at (in `format`, when given), narrowest first."""
    suffix = f"format-{format}" if format else ""
    widths = set()
    for spec in grapple_settings.ALLOWED_IMAGE_FILTERS or []:
        size, _, rest = spec.partition("|")
        kind, _, width = size.partition("-")
        if kind == "width" and width.isdigit() and rest == suffix:
            widths.add(int(width))
    return sorted(widths)


def offer_src_sets_without_sizes() -> None:
    """`srcSet` without `sizes` lists the image at each offered width up to its own (the narrowest offered
    when it is smaller than all of them: renditions never enlarge an image).

    grapple's resolver takes `sizes` as a required argument although the schema lets a client leave it out,
    so asking for `srcSet` alone raised a TypeError, masked as an internal error.
    """
    image_type = get_image_type()
    grapple_src_set = image_type.resolve_src_set

    def resolve_src_set(
        instance: AbstractImage, info: GraphQLResolveInfo, sizes: list[int] | None = None, **kwargs: Any
    ) -> str:
        if sizes is None:
            offered = offered_widths(kwargs.get("format"))
            sizes = [width for width in offered if width <= instance.width] or offered[:1]
        return grapple_src_set(instance, info, sizes=sizes, **kwargs)

    image_type.resolve_src_set = resolve_src_set


def type_documents_in_search(query_mixins: list) -> None:
    """The `search` union holds the document type, so a search that matches a document can answer it.

    grapple builds the union from the models of its apps, which Wagtail's document model is not one of,
    so a search that matched a document failed as a whole: "Abstract type 'Search' must resolve to an Object
    type at runtime".
    """
    for mixin in query_mixins:
        field = vars(mixin).get("search")
        if field is None:
            continue
        union = field.of_type.of_type
        meta = type("Meta", (), {"name": union._meta.name, "types": (*union._meta.types, get_document_type())})
        search = type(union.__name__, (graphene.Union,), {"Meta": meta})
        mixin.search = graphene.List(graphene.NonNull(search), **field.kwargs)


def answer_raw_values_as_text() -> None:
    """A block's `rawValue` is text: a struct's or a list's stored value is written out as JSON.

    grapple returns a struct's value as a Python dict where the schema promises a String, so graphql-core refused
    to write it and the whole block came back null.
    """
    grapple_raw_value = StreamFieldInterface.resolve_raw_value

    def resolve_raw_value(self: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        if isinstance(self, StructValue | ListValue):
            return json.dumps(self.block.get_prep_value(self), cls=DjangoJSONEncoder, ensure_ascii=False)
        value = getattr(self, "value", None)
        if isinstance(value, StructValue | ListValue | StreamValue | dict | list):
            prepared = self.block.get_prep_value(value) if hasattr(self, "block") else value
            return json.dumps(prepared, cls=DjangoJSONEncoder, ensure_ascii=False)
        return grapple_raw_value(self, info, **kwargs)

    StreamFieldInterface.resolve_raw_value = resolve_raw_value
