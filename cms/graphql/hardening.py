"""Schema hardening applied while grapple builds the schema.

grapple derives page types from the Page model and keeps every column that Wagtail's Page has,
among them `draftTitle`, `hasUnpublishedChanges`, `aliases` and `aliasOf`, which describe drafts
and unpublished aliases. A page type here keeps only the page interface's fields and the fields its
model declares in `graphql_fields`.
"""

from __future__ import annotations

from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from grapple.types.pages import Page as GenericPageType


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
