"""Public replacements for grapple's root queries that would otherwise serve hidden content.

grapple's `snippets` returns drafts, its `images`/`documents` list items in collections below a
restricted one, its `search` returns every page, and its `pages`/`page` ignore expiry. This mixin
is placed first in the Query class, so graphene finds its resolvers before grapple's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.pages import get_site_filter, get_specific_page
from grapple.utils import resolve_queryset
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.search.backends import get_search_backend

from cms.preview import page_from_token
from cms.visibility import (
    is_public_page,
    live_snippets,
    public_media,
    public_media_item,
    public_pages,
    restricted_collection_ids,
)

SEARCH_RESULT_LIMIT = 50


def _content_type_filter(content_type: str) -> Q:
    filters = Q()
    for name in content_type.split(","):
        app_label, dot, model = name.strip().lower().partition(".")
        if not dot or not model:
            raise GraphQLError(f"contentType must look like 'app.Model'; got '{name.strip()}'.")
        filters |= Q(content_type__app_label=app_label, content_type__model=model)
    return filters


def _public_page_queryset(info: GraphQLResolveInfo, kwargs: dict[str, Any]) -> QuerySet:
    parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
    qs = Page.objects.all()
    if parent or ancestor:
        # `parent` wins over `ancestor`, as in grapple; a hidden base page has nothing public below it.
        base = public_pages().filter(id=parent or ancestor).first()
        if base is None:
            return Page.objects.none()
        qs = base.get_children() if parent else base.get_descendants()

    site_requested = kwargs.get("site") is not None or kwargs.get("in_site")
    site = get_site_filter(info, **kwargs)
    kwargs.pop("in_site", None)
    qs = public_pages(qs)
    if site is not None:
        qs = qs.in_site(site)
    elif site_requested:
        return Page.objects.none()
    content_type = kwargs.pop("content_type", None)
    if content_type:
        qs = qs.filter(_content_type_filter(content_type))
    return qs.specific()


class PublicQueryMixin:
    """Resolvers for grapple's root fields that keep hidden content out; graphene finds them first."""

    def resolve_pages(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = _public_page_queryset(info, kwargs)
        return resolve_queryset(qs, info, **kwargs)

    def resolve_page(self, info: GraphQLResolveInfo, **kwargs: Any) -> Page | None:
        content_type = kwargs.get("content_type")
        if content_type:
            app_label, dot, model = content_type.lower().partition(".")
            if not dot or not ContentType.objects.filter(app_label=app_label, model=model).exists():
                raise GraphQLError(f"Unknown contentType '{content_type}'; use 'app.Model', e.g. 'stories.StoryPage'.")
        if kwargs.get("token"):
            # A signed, expiring preview token shows the draft it was made for, and nothing else.
            return page_from_token(kwargs["token"])
        page = get_specific_page(
            id=kwargs.get("id"),
            slug=kwargs.get("slug"),
            url_path=kwargs.get("url_path"),
            content_type=content_type,
            site=get_site_filter(info, **kwargs),
        )
        return page if is_public_page(page) else None

    def resolve_snippets(self, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        items: list = []
        for model in registry.snippets:
            items.extend(live_snippets(model._default_manager.all()))
        return items

    def resolve_image(self, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any):
        image = get_image_model().objects.prefetch_renditions().filter(pk=id).first()
        return public_media_item(image, info.context)

    def resolve_images(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = public_media(get_image_model().objects.prefetch_renditions(), info.context)
        return resolve_queryset(qs, info, **kwargs)

    def resolve_document(self, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any):
        document = get_document_model().objects.filter(pk=id).first()
        return public_media_item(document, info.context)

    def resolve_documents(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = public_media(get_document_model().objects.all(), info.context)
        return resolve_queryset(qs, info, **kwargs)

    def resolve_collections(self, info: GraphQLResolveInfo, **kwargs: Any):
        qs = Collection.objects.exclude(id__in=restricted_collection_ids(info.context))
        return resolve_queryset(qs, info, **kwargs)

    def resolve_search(self, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        query = (kwargs.get("query") or "").strip()
        return search_public(query, info.context) if query else []


def _visible_hits(model: type, visible: QuerySet, query: str) -> list:
    """Search hits for `model` that are also in `visible`, in relevance order.

    The search index cannot filter on expiry, live state or collection restrictions, so hits are
    checked against the public queryset afterwards.
    """
    hits = [obj.pk for obj in get_search_backend().search(query, model)[:SEARCH_RESULT_LIMIT]]
    found = visible.filter(pk__in=hits).in_bulk()
    return [found[pk] for pk in hits if pk in found]


def search_public(query: str, request: Any) -> list:
    """Full-text search over what the public may see: pages, images, documents, live snippets."""
    results: list = _visible_hits(Page, public_pages().specific(), query)
    for model in (get_image_model(), get_document_model()):
        results += _visible_hits(model, public_media(model.objects.all(), request), query)
    for model in registry.snippets:
        if hasattr(model, "search_fields"):
            results += _visible_hits(model, live_snippets(model._default_manager.all()), query)
    return results[:SEARCH_RESULT_LIMIT]
