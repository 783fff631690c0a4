"""Public replacements for grapple's root queries that would otherwise serve hidden content.

grapple's `snippets` returns drafts, its `images`/`documents` list items in collections below a
restricted one, its `search` returns every page, its `pages`/`page` ignore expiry, and none of them
knows about languages (`page(slug:)` fails outright once a page has a translation). This mixin is
placed first in the Query class, so graphene finds its resolvers before grapple's;
`add_locale_arguments` gives grapple's fields their `locale` argument.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet
from graphql import GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.pages import get_site_filter
from grapple.types.redirects import RedirectsQuery
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search.backends import get_search_backend

from cms import i18n
from cms.errors import ErrorCode, user_error
from cms.graphql.lists import checked_search, localized_pages, public_list
from cms.graphql.locales import ContentLocale, content_locales, expect_locales, localize_queryset
from cms.graphql.pages import content_type_filter, find_page, in_site, public_page_queryset
from cms.graphql.prefetch import prefetch_selected
from cms.visibility import (
    live_snippets,
    public_collections,
    public_media,
    public_media_item,
    public_pages,
    public_redirects,
    public_tags,
)

SEARCH_RESULT_LIMIT = 50


def site_pages(site: Site, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
    """`sites { pages }`: the site's public pages, in the locale asked for."""
    candidates = in_site(public_pages(), site)
    content_type = kwargs.pop("content_type", None)
    if content_type:
        candidates = candidates.filter(content_type_filter(content_type))
    return localized_pages(info, candidates, **kwargs)


def site_page(site: Site, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> Page | None:
    """`sites { page(...) }`: like the root `page`, within the site."""
    return find_page(info, site, **kwargs)


class PublicQueryMixin:
    """Resolvers for grapple's root fields that keep hidden content out; graphene finds them first."""

    locales = graphene.List(
        graphene.NonNull(ContentLocale),
        required=True,
        description="The languages content may be published in, English (the fallback) first.",
    )

    def resolve_locales(self, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        return content_locales()

    def resolve_pages(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
        return localized_pages(info, public_page_queryset(info, kwargs), **kwargs)

    def resolve_page(
        self, info: GraphQLResolveInfo, locale: str | None = None, site: str | None = None, **kwargs: Any
    ) -> Page | None:
        found_site = get_site_filter(info, site=site, **kwargs)
        if site is not None and found_site is None:
            # Like `pages(site:)`: a host name no site has holds no pages.
            return None
        return find_page(info, found_site, **kwargs)

    def resolve_snippets(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
        items: list = []
        for model in registry.snippets:
            qs = live_snippets(model._default_manager.all())
            if issubclass(model, TranslatableMixin):
                qs = localize_queryset(info, qs)
            items.extend(qs)
        return expect_locales(info, prefetch_selected(items, info))

    def resolve_image(self, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any):
        image = get_image_model().objects.prefetch_renditions().filter(pk=id).first()
        return public_media_item(image, info.context)

    def resolve_images(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = public_media(get_image_model().objects.prefetch_renditions(), info.context)
        return public_list(qs, info, **kwargs)

    def resolve_document(self, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any):
        document = get_document_model().objects.filter(pk=id).first()
        return public_media_item(document, info.context)

    def resolve_documents(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = public_media(get_document_model().objects.all(), info.context)
        return public_list(qs, info, **kwargs)

    def resolve_collections(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(public_collections(info.context), info, **kwargs)

    def resolve_tag(self, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any):
        if id is None:
            raise user_error("`tag` needs the `id` of the tag to return, e.g. tag(id: 1).", ErrorCode.BAD_USER_INPUT)
        return public_tags(info.context).filter(pk=id).first()

    def resolve_tags(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(public_tags(info.context), info, **kwargs)

    def resolve_redirects(self, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        return public_redirects(RedirectsQuery.resolve_redirects(self, info, **kwargs), info.context)

    def resolve_search(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
        query = checked_search((kwargs.get("query") or "").strip())
        return expect_locales(info, prefetch_selected(search_public(query, info), info)) if query else []


def _visible_hits(model: type, visible: QuerySet, query: str) -> list:
    """Search hits for `model` that are also in `visible`, in relevance order.

    The search index cannot filter on expiry, live state, locale fallbacks or collection restrictions, so
    hits are checked against the public queryset afterwards.
    """
    hits = [obj.pk for obj in get_search_backend().search(query, model)[:SEARCH_RESULT_LIMIT]]
    found = visible.filter(pk__in=hits).in_bulk()
    return [found[pk] for pk in hits if pk in found]


def search_public(query: str, info: GraphQLResolveInfo) -> list:
    """Full-text search over what the public may see, one language version of each: pages, images,
    documents, live snippets."""
    request = info.context
    locale_id = request.locale_of(info)
    default_id = request.locales.default_id
    results: list = _visible_hits(Page, i18n.localized(public_pages(), locale_id, default_id).specific(), query)
    for model in (get_image_model(), get_document_model()):
        results += _visible_hits(model, public_media(model.objects.all(), request), query)
    for model in registry.snippets:
        if hasattr(model, "search_fields"):
            visible = live_snippets(model._default_manager.all())
            if issubclass(model, TranslatableMixin):
                visible = i18n.localized(visible, locale_id, default_id)
            results += _visible_hits(model, visible, query)
    return results[:SEARCH_RESULT_LIMIT]
