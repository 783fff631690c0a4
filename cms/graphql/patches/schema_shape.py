"""What grapple puts in the schema that the public API does not offer: model columns and model types."""

from __future__ import annotations

from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from grapple.types.pages import Page as GenericPageType


def prune_page_types(query_mixins: list) -> None:
    """A page type keeps only the page interface's fields and the fields its model declares in `graphql_fields`.

    grapple derives page types from the Page model and keeps every column that Wagtail's Page has, among them
    `draftTitle`, `hasUnpublishedChanges`, `aliases` and `aliasOf`, which describe drafts and unpublished
    aliases.
    """
    kept_everywhere = set(get_page_interface()._meta.fields) | {"id"}
    for node in {GenericPageType, *registry.pages.values()}:
        for name in list(node._meta.fields):
            if name not in kept_everywhere and not hasattr(node, f"resolve_{name}"):
                del node._meta.fields[name]


def drop_undeclared_models(query_mixins: list) -> None:
    """Leave out of the schema the plain models that declare no `graphql_fields`.

    grapple gives every model of its apps a type, and the `search` union lists them all; for records the
    public never reads (form submissions, letter requests, the email outbox) that is an `id`-only type
    that only advertises they exist. The union grapple has already built is rebuilt without them by
    `type_documents_in_search`.
    """
    for model in [model for model in registry.django_models if not getattr(model, "graphql_fields", None)]:
        del registry.django_models[model]
