"""A list's items load what the query asks of them together: one query per relation, not one per item.

For every item class in a list, each selected object field that is a foreign key on the model (`posterImage` →
`poster_image`) is prefetched for all items of that class at once, and an image's renditions with it when
the query asks for a rendition or a `srcSet`. A model can name more for its other fields with a
`graphql_prefetches(field)` callable (a story's programs, say). Lists of pages mix specific classes, so each
class is done on its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from graphql import FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode, SelectionSetNode
from wagtail.images.models import AbstractImage

RENDITION_FIELDS = {"rendition", "renditions", "srcSet", "srcset"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _selected(selection_set: SelectionSetNode | None, info: GraphQLResolveInfo, into: dict[str, list]) -> None:
    """Field name → the field nodes selecting it, through inline fragments and fragment spreads."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            into[selection.name.value].append(selection)
        elif isinstance(selection, InlineFragmentNode):
            _selected(selection.selection_set, info, into)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = info.fragments.get(selection.name.value)
            if fragment is not None:
                _selected(fragment.selection_set, info, into)


def _fields(nodes: Iterable[FieldNode], info: GraphQLResolveInfo) -> dict[str, list]:
    found: dict[str, list] = defaultdict(list)
    for node in nodes:
        _selected(node.selection_set, info, found)
    return found


def _lookups(model: type[models.Model], selected: dict[str, list], info: GraphQLResolveInfo) -> list:
    lookups: list = []
    for name, nodes in selected.items():
        if all(node.selection_set is None for node in nodes):
            continue  # a scalar (`locale` answers a code, never the row)
        snake = _CAMEL.sub("_", name).lower()
        try:
            field = model._meta.get_field(snake)
        except FieldDoesNotExist:
            continue
        if not (field.is_relation and (field.many_to_one or field.one_to_one) and field.concrete):
            continue
        lookups.append(snake)
        related = field.related_model
        wants_renditions = RENDITION_FIELDS & set(_fields(nodes, info))
        if isinstance(related, type) and issubclass(related, AbstractImage) and wants_renditions:
            # Where Wagtail's own `prefetch_renditions()` puts them, so that the image finds them (CustomImage).
            lookups.append(models.Prefetch(f"{snake}__renditions", to_attr="prefetched_renditions"))
    return lookups


def prefetch_selected(items: list, info: GraphQLResolveInfo) -> list:
    """Load, for all `items` at once, the related rows the query selects of them; returns `items`."""
    if len(items) < 2:
        return items
    selected = _fields(info.field_nodes, info)
    by_class: dict[type, list] = defaultdict(list)
    for item in items:
        if isinstance(item, models.Model):
            by_class[type(item)].append(item)
    for model, group in by_class.items():
        lookups = _lookups(model, selected, info)
        declared = getattr(model, "graphql_prefetches", None)  # a model's own, for fields that are not keys
        if declared is not None:
            lookups += [lookup for name in selected for lookup in declared(name)]
        if lookups:
            models.prefetch_related_objects(group, *lookups)
    return items
