"""Schema hardening applied while grapple builds the schema.

Page types: grapple derives page types from the Page model and keeps every column that Wagtail's Page has,
among them `draftTitle`, `hasUnpublishedChanges`, `aliases` and `aliasOf`, which describe drafts
and unpublished aliases. A page type here keeps only the page interface's fields and the fields its
model declares in `graphql_fields`.
"""

from __future__ import annotations

from typing import Any

from graphene import Int
from graphql import GraphQLError, GraphQLResolveInfo, Undefined
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.images import ImageObjectType, get_image_type, rendition_allowed
from grapple.types.interfaces import get_page_interface
from grapple.types.pages import Page as GenericPageType
from grapple.types.structures import PositiveInt
from wagtail.images.models import AbstractImage


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
