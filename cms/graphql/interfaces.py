"""The page interface every page type implements: tree walks over public pages only, in the answer's
locale, and each page's language fields."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from grapple.types.interfaces import PageInterface
from wagtail.models import Page

from cms.graphql.lists import public_relatives
from cms.graphql.locales import available_locales, is_fallback, locale_fields, localize_item, served_id
from cms.graphql.reviews import awaiting_review
from cms.preview import is_preview
from cms.visibility import is_public_page, public_pages


class PublicPageInterface(PageInterface):
    """grapple's PageInterface, but parents, children, siblings and ancestors are public pages only,
    in the locale the answer is in."""

    class Meta:
        name = "PageInterface"

    locale = locale_fields()["locale"]
    is_fallback = locale_fields()["is_fallback"]
    available_locales = locale_fields()["available_locales"]
    is_preview = graphene.Boolean(
        required=True,
        description="True for a draft shown through a preview `token` (not what the public sees); false otherwise.",
    )
    awaiting_review = graphene.Boolean(
        required=True,
        description="True when this translation was filled in by a machine translator (or seeded as a sample) and "
        "no one has checked it yet: a frontend should say so to its readers. False for the original and for a "
        "fallback.",
    )
    url_path = graphene.String(
        required=True,
        description="The page's path on the public site, as `page(urlPath:)` takes it: '/' for the home page, "
        "'/better-together/' below it, '/es/better-together/' for a translation.",
    )

    def resolve_id(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return served_id(info, self)

    def resolve_locale(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return info.context.locales.code_of(self.locale_id)

    def resolve_is_fallback(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return is_fallback(info, self)

    def resolve_available_locales(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        return available_locales(info, self)

    def resolve_is_preview(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return is_preview(self)

    def resolve_awaiting_review(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return not is_fallback(info, self) and awaiting_review(info, self)

    def resolve_url_path(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        # Wagtail's stored url_path starts with the site root's own slug ('/home/...'), which no public URL has.
        parts = self.get_url_parts(info.context)
        return parts[2] if parts else self.url_path

    def resolve_parent(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> Page | None:
        parent = localize_item(info, self.get_parent(), public_pages, parent=self)
        return parent.specific if is_public_page(parent, info.context) else None

    def resolve_children(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "children", **kwargs)

    def resolve_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "siblings", **kwargs)

    def resolve_next_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "next_siblings", **kwargs)

    def resolve_previous_siblings(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "previous_siblings", **kwargs)

    def resolve_descendants(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "descendants", **kwargs)

    def resolve_ancestors(self: Page, info: GraphQLResolveInfo, **kwargs: Any):
        return public_relatives(self, info, "ancestors", **kwargs)
