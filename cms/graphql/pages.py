"""Finding pages for the public: the pages of a list query, and the one page `page(...)` means (by preview
token, id, slug or URL path), in the locale asked for, with English as fallback."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from graphql import GraphQLResolveInfo
from grapple.types.pages import get_site_filter
from wagtail.models import Page, Site

from cms import i18n
from cms.errors import user_error
from cms.graphql.locales import checked_locale
from cms.preview import page_from_token
from cms.visibility import is_public_page, public_pages


def content_type_filter(content_type: str) -> Q:
    filters = Q()
    for name in content_type.split(","):
        app_label, dot, model = name.strip().lower().partition(".")
        if not dot or not model:
            raise user_error(f"contentType must look like 'app.Model'; got '{name.strip()}'.")
        filters |= Q(content_type__app_label=app_label, content_type__model=model)
    return filters


def in_site(queryset: QuerySet, site: Site) -> QuerySet:
    """Pages below the site's root or below any translation of it (each language has its own tree)."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).only("pk", "path", "depth")
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Page.objects.descendant_of_q(root, inclusive=True)
    return queryset.filter(condition)


def public_page_queryset(info: GraphQLResolveInfo, kwargs: dict[str, Any]) -> QuerySet:
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
        qs = in_site(qs, site)
    elif site_requested:
        return Page.objects.none()
    content_type = kwargs.pop("content_type", None)
    if content_type:
        qs = qs.filter(content_type_filter(content_type))
    return qs


def _checked_content_type(content_type: str | None) -> Q:
    if not content_type:
        return Q()
    app_label, dot, model = content_type.lower().partition(".")
    if not dot or not ContentType.objects.filter(app_label=app_label, model=model).exists():
        raise user_error(f"Unknown contentType '{content_type}'; use 'app.Model', e.g. 'stories.StoryPage'.")
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
        self.table = info.context.locales
        self.content_type = content_type
        self.site = site

    def candidates(self, **lookup: Any) -> QuerySet:
        qs = public_pages(Page.objects.filter(self.content_type, **lookup))
        return in_site(qs, self.site) if self.site is not None else qs

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


def find_page(info: GraphQLResolveInfo, site: Site | None, **kwargs: Any) -> Page | None:
    """The page `page(...)` means: by preview token, id, slug or URL path, in the locale asked for. Without
    a `locale`, what is below the page comes in the page's own language."""
    page = _find_page(info, site, info.context.asked_locale(info), **kwargs)
    if page is not None and info.context.asked_locale(info) is None:
        info.context.remember_locale(info, page.locale_id)
    return page


def _find_page(info: GraphQLResolveInfo, site: Site | None, locale_id: int | None, **kwargs: Any) -> Page | None:
    content_type = _checked_content_type(kwargs.get("content_type"))
    if kwargs.get("token"):
        # A signed, expiring preview token shows the draft it was made for, and nothing else; the context is
        # marked so that the answer is never cached.
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
            # An address in a language's tree asks for that language, as a `locale` would.
            locale_id = checked_locale(info.context, language)
            info.context.remember_locale(info, locale_id)
        return finder.by_url_path(path, locale_id)
    return None
