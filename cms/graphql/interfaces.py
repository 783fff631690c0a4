"""The page interface every page type implements, with its tree walks limited to public pages."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.types.interfaces import PageInterface
from grapple.utils import resolve_queryset
from wagtail.models import Page

from cms.visibility import is_public_page, public_pages


class PublicPageInterface(PageInterface):
    """grapple's PageInterface, but parents, children, siblings and ancestors are public pages only."""

    class Meta:
        name = "PageInterface"

    def resolve_parent(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> Page | None:
        parent = self.get_parent()
        return parent.specific if is_public_page(parent) else None

    def resolve_children(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return resolve_queryset(public_pages(self.get_children()).specific(), info, **kwargs)

    def resolve_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        siblings = self.get_siblings().exclude(pk=self.pk)
        return resolve_queryset(public_pages(siblings).specific(), info, **kwargs)

    def resolve_next_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        siblings = self.get_next_siblings().exclude(pk=self.pk)
        return resolve_queryset(public_pages(siblings).specific(), info, **kwargs)

    def resolve_previous_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        siblings = self.get_prev_siblings().exclude(pk=self.pk)
        return resolve_queryset(public_pages(siblings).specific(), info, **kwargs)

    def resolve_descendants(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return resolve_queryset(public_pages(self.get_descendants()).specific(), info, **kwargs)

    def resolve_ancestors(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return resolve_queryset(public_pages(self.get_ancestors()).specific(), info, **kwargs)
