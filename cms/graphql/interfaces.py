"""The page interface every page type implements: tree walks over public pages only, in the answer's
locale, and each page's language fields."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.types.interfaces import PageInterface
from wagtail.models import Page

from cms import i18n
from cms.graphql.lists import public_relatives
from cms.graphql.locales import available_locales, is_fallback, locale_fields, localize_item, served_id
from cms.visibility import is_public_page, public_pages


class PublicPageInterface(PageInterface):
    """grapple's PageInterface, but parents, children, siblings and ancestors are public pages only,
    in the locale the answer is in."""

    class Meta:
        name = "PageInterface"

    locale = locale_fields()["locale"]
    is_fallback = locale_fields()["is_fallback"]
    available_locales = locale_fields()["available_locales"]

    def resolve_id(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return served_id(info, self)

    def resolve_locale(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return i18n.locale_table(info.context).code_of(self.locale_id)

    def resolve_is_fallback(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return is_fallback(info, self)

    def resolve_available_locales(self: Page, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        return available_locales(info, self)

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
