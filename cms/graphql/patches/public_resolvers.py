"""grapple resolvers that served what the public must not see, routed through the public rules."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.types.collections import CollectionObjectType
from grapple.types.sites import SiteObjectType
from wagtail.models import Collection

from cms.graphql.locales import locale_argument
from cms.graphql.queries import site_page, site_pages
from cms.visibility import public_collections


def route_site_pages_through_public_resolvers(query_mixins: list) -> None:
    """`sites { pages page }` answer like the root `pages` and `page`: public pages only, in a locale.

    grapple's own resolvers there served expired pages, failed on a translated page's slug, and took
    preview tokens that never expire.
    """
    for name in ("pages", "page"):
        SiteObjectType._meta.fields[name].args["locale"] = locale_argument()
    SiteObjectType.resolve_pages = staticmethod(site_pages)
    SiteObjectType.resolve_page = staticmethod(site_page)


def keep_collection_relatives_public(query_mixins: list) -> None:
    """A collection's `descendants` and `ancestors` are public collections only.

    grapple leaves out only collections that carry a view restriction themselves, so the collections below
    a restricted one were listed by name.
    """

    def resolve_descendants(collection: Collection, info: GraphQLResolveInfo, **kwargs: Any):
        return public_collections(info.context).descendant_of(collection).order_by("path")

    def resolve_ancestors(collection: Collection, info: GraphQLResolveInfo, **kwargs: Any):
        return public_collections(info.context).ancestor_of(collection).order_by("path")

    CollectionObjectType.resolve_descendants = resolve_descendants
    CollectionObjectType.resolve_ancestors = resolve_ancestors
