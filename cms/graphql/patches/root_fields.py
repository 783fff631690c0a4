"""grapple's own root fields: their `locale` argument and the `search` union."""

from __future__ import annotations

import graphene
from grapple.registry import registry
from grapple.types.documents import get_document_type

from cms.graphql.locales import locale_argument

LOCALIZED_ROOT_FIELDS = ("pages", "page", "snippets", "search")


def add_locale_arguments(query_mixins: list) -> None:
    """grapple's own root fields (pages, page, snippets, search) take a `locale` argument.

    grapple's fields know nothing of languages; the public resolvers that answer them read `locale`, so the
    argument must be on grapple's fields, which grapple's hook has just added to `query_mixins`.
    """
    for mixin in query_mixins:
        for name in LOCALIZED_ROOT_FIELDS:
            field = mixin.__dict__.get(name)
            if isinstance(field, graphene.Field):
                field.args["locale"] = locale_argument()
            elif field is not None:
                field.kwargs["locale"] = locale_argument()


def type_documents_in_search(query_mixins: list) -> None:
    """The `search` union holds the document type, so a search that matches a document can answer it.

    grapple builds the union from the models of its apps, which Wagtail's document model is not one of,
    so a search that matched a document failed as a whole: "Abstract type 'Search' must resolve to an Object
    type at runtime". The union is rebuilt here, after grapple's hook built it, so it also leaves out the
    models `drop_undeclared_models` removed.
    """
    offered = set(registry.class_models.values())
    for mixin in query_mixins:
        field = vars(mixin).get("search")
        if field is None:
            continue
        union = field.of_type.of_type
        types = (*(member for member in union._meta.types if member in offered), get_document_type())
        meta = type("Meta", (), {"name": union._meta.name, "types": types})
        search = type(union.__name__, (graphene.Union,), {"Meta": meta})
        mixin.search = graphene.List(graphene.NonNull(search), **field.kwargs)
