"""Public replacements for grapple's root queries that would otherwise serve hidden content, and their
locale handling.

grapple's `snippets` returns drafts, its `images`/`documents` list items in collections below a
restricted one, its `search` returns every page, its `pages`/`page` ignore expiry, and none of them
knows about languages (`page(slug:)` fails outright once a page has a translation). This mixin is
placed first in the Query class, so graphene finds its resolvers before grapple's;
`add_locale_arguments` gives grapple's fields their `locale` argument.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.registry import registry
from grapple.types.pages import get_site_filter
from grapple.types.redirects import RedirectsQuery
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search.backends import get_search_backend

from cms import i18n
from cms.graphql.lists import localized_pages, public_list
from cms.graphql.locales import (
    ContentLocale,
    content_locales,
    effective_locale_id,
    expect_locales,
    localize_queryset,
    remember_locale,
    requested_locale_id,
    use_locale,
)
from cms.preview import page_from_token
from cms.visibility import (
    is_public_page,
    live_snippets,
    public_collections,
    public_media,
    public_media_item,
    public_pages,
    public_redirects,
    public_tags,
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


def _in_site(queryset: QuerySet, site: Site) -> QuerySet:
    """Pages below the site's root or below any translation of it (each language has its own tree)."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).only("pk", "path", "depth")
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Page.objects.descendant_of_q(root, inclusive=True)
    return queryset.filter(condition)


def _public_page_queryset(info: GraphQLResolveInfo, kwargs: dict[str, Any]) -> QuerySet:
    parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
    qs = Page.objects.all()
    if parent or ancestor:
        # `parent` wins over `ancestor`, as in grapple; a hidden base page has nothing public below it.
        base = public_pages().filter(id=parent or ancestor).first()
        if base is None:
            return Page.objects.none()
        qs = i18n.relatives_in_any_locale(base, "children" if parent else "descendants")

    site_requested = kwargs.get("site") is not None or kwargs.get("in_site")
    site = get_site_filter(info, **kwargs)
    kwargs.pop("in_site", None)
    qs = public_pages(qs)
    if site is not None:
        qs = _in_site(qs, site)
    elif site_requested:
        return Page.objects.none()
    content_type = kwargs.pop("content_type", None)
    if content_type:
        qs = qs.filter(_content_type_filter(content_type))
    return qs


def _checked_content_type(content_type: str | None) -> Q:
    if not content_type:
        return Q()
    app_label, dot, model = content_type.lower().partition(".")
    if not dot or not ContentType.objects.filter(app_label=app_label, model=model).exists():
        raise GraphQLError(f"Unknown contentType '{content_type}'; use 'app.Model', e.g. 'stories.StoryPage'.")
    return Q(content_type__app_label=app_label, content_type__model=model)


def _split_language_prefix(url_path: str) -> tuple[str | None, str]:
    """'/es/better-together/' → ('es', '/better-together/'), as a translated page's `url` reads."""
    first, _, rest = url_path.strip("/").partition("/")
    language = i18n.supported_language(first) if first else None
    if language is None or language == i18n.default_language_code() or first.lower() != language:
        return None, url_path
    return language, f"/{rest}"


class PageFinder:
    """Finds the one page a `page(...)` query means, in the locale asked for, with English as fallback."""

    def __init__(self, info: GraphQLResolveInfo, content_type: Q, site: Site | None) -> None:
        self.info = info
        self.table = i18n.locale_table(info.context)
        self.content_type = content_type
        self.site = site

    def candidates(self, **lookup: Any) -> QuerySet:
        qs = public_pages(Page.objects.filter(self.content_type, **lookup))
        return _in_site(qs, self.site) if self.site is not None else qs

    def preferred(self, qs: QuerySet, locale_id: int | None) -> Page | None:
        """The candidate in the locale asked for, else in the default locale, else in any, as stored first."""
        order = [locale_id or self.table.default_id, self.table.default_id]
        found = list(qs.order_by("path")[:20])
        for wanted in order:
            match = next((page for page in found if page.locale_id == wanted), None)
            if match is not None:
                return match
        return found[0] if found else None

    def in_locale(self, page: Page | None, locale_id: int | None) -> Page | None:
        if page is None:
            return None
        if locale_id is not None:
            page = i18n.best_translation(page, locale_id, self.table.default_id, public_pages)
        return page.specific if is_public_page(page, self.info.context) else None

    def by_url_path(self, url_path: str, locale_id: int | None) -> Page | None:
        site = self.site or Site.find_for_request(self.info.context)
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        tail = url_path.strip("/")
        tail = f"{tail}/" if tail else ""
        roots = {root.locale_id: root for root in Page.objects.filter(translation_key=site.root_page.translation_key)}
        for wanted in (locale_id, self.table.default_id):
            root = roots.get(wanted)
            if root is None:
                continue
            page = public_pages(Page.objects.filter(self.content_type, url_path=f"{root.url_path}{tail}")).first()
            if page is not None:
                return self.in_locale(page, locale_id)
        return None


def find_page(info: GraphQLResolveInfo, site: Site | None, locale: str | None, **kwargs: Any) -> Page | None:
    """The page `page(...)` means: by preview token, id, slug or URL path, in the locale asked for. Without
    a `locale`, what is below the page comes in the page's own language."""
    locale_id = use_locale(info, locale)
    page = _find_page(info, site, locale_id, **kwargs)
    if page is not None and requested_locale_id(info) is None:
        remember_locale(info, page.locale_id)
    return page


def _find_page(info: GraphQLResolveInfo, site: Site | None, locale_id: int | None, **kwargs: Any) -> Page | None:
    content_type = _checked_content_type(kwargs.get("content_type"))
    if kwargs.get("token"):
        # A signed, expiring preview token shows the draft it was made for, and nothing else; the request is
        # marked so that its answer is never cached.
        return page_from_token(kwargs["token"], info.context)
    finder = PageFinder(info, content_type, site)
    if kwargs.get("id"):
        return finder.in_locale(finder.candidates(pk=kwargs["id"]).first(), locale_id)
    if kwargs.get("slug"):
        page = finder.preferred(finder.candidates(slug=kwargs["slug"]), locale_id)
        return finder.in_locale(page, locale_id or (page.locale_id if page else None))
    if kwargs.get("url_path") is not None:
        language, path = _split_language_prefix(kwargs["url_path"])
        if language is not None and locale_id is None:
            locale_id = use_locale(info, language)
        return finder.by_url_path(path, locale_id)
    return None


def site_pages(site: Site, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
    """`sites { pages }`: the site's public pages, in the locale asked for."""
    use_locale(info, locale)
    candidates = _in_site(public_pages(), site)
    content_type = kwargs.pop("content_type", None)
    if content_type:
        candidates = candidates.filter(_content_type_filter(content_type))
    return localized_pages(info, candidates, **kwargs)


def site_page(site: Site, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> Page | None:
    """`sites { page(...) }`: like the root `page`, within the site."""
    return find_page(info, site, locale, **kwargs)


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
        use_locale(info, locale)
        return localized_pages(info, _public_page_queryset(info, kwargs), **kwargs)

    def resolve_page(
        self, info: GraphQLResolveInfo, locale: str | None = None, site: str | None = None, **kwargs: Any
    ) -> Page | None:
        found_site = get_site_filter(info, site=site, **kwargs)
        if site is not None and found_site is None:
            # Like `pages(site:)`: a host name no site has holds no pages.
            return None
        return find_page(info, found_site, locale, **kwargs)

    def resolve_snippets(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
        use_locale(info, locale)
        items: list = []
        for model in registry.snippets:
            qs = live_snippets(model._default_manager.all())
            if issubclass(model, TranslatableMixin):
                qs = localize_queryset(info, qs)
            items.extend(qs)
        return expect_locales(info, items)

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
            raise GraphQLError(
                "`tag` needs the `id` of the tag to return, e.g. tag(id: 1).", extensions={"code": "BAD_USER_INPUT"}
            )
        return public_tags(info.context).filter(pk=id).first()

    def resolve_tags(self, info: GraphQLResolveInfo, **kwargs: Any):
        return public_list(public_tags(info.context), info, **kwargs)

    def resolve_redirects(self, info: GraphQLResolveInfo, **kwargs: Any) -> list:
        return public_redirects(RedirectsQuery.resolve_redirects(self, info, **kwargs), info.context)

    def resolve_search(self, info: GraphQLResolveInfo, locale: str | None = None, **kwargs: Any) -> list:
        use_locale(info, locale)
        query = (kwargs.get("query") or "").strip()
        return expect_locales(info, search_public(query, info)) if query else []


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
    locale_id = effective_locale_id(info)
    default_id = i18n.locale_table(request).default_id
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
