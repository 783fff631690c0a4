"""Ids that name one answer: pages and snippets as served, stream blocks by the page that holds them."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from grapple.types.pages import Page as GenericPageType
from grapple.types.streamfield import StructBlockItem
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue

from cms.graphql.locales import served_id


def identify_items_as_served(query_mixins: list) -> None:
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


def identify_blocks_by_owner(query_mixins: list) -> None:
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
