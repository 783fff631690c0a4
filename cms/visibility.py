"""What the public may see. Every public resolver goes through these, so the rule lives in one place.

Public means: a page that is live, not view-restricted (nor below a restricted page) and not past
its expiry; a snippet that is live; an image or document outside any view-restricted collection
and outside every collection below one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Collection, DraftStateMixin, Page, PageViewRestriction

if TYPE_CHECKING:
    from cms.i18n import LocaleChoice

M = TypeVar("M", bound=Model)

_RESTRICTED_ATTR = "_btcms_restricted_collection_ids"
_RESTRICTED_PAGES_ATTR = "_btcms_restricted_page_paths"
_FIRST_PAGE_ATTR = "_btcms_first_public_pages"


def not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def public_pages(queryset: QuerySet | None = None) -> QuerySet:
    """Live, public, unexpired pages, without the tree's root."""
    qs = Page.objects.all() if queryset is None else queryset
    return qs.live().public().filter(not_expired()).filter(depth__gt=1)


def is_public_page(page: Page | None, request: HttpRequest | None = None) -> bool:
    """Whether the public may see this page; with a request, restrictions are read once per request."""
    if page is None or not page.live or page.depth <= 1:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False
    if request is None:
        return public_pages(Page.objects.filter(pk=page.pk)).exists()
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def restricted_page_paths(request: HttpRequest) -> tuple[str, ...]:
    """The paths of view-restricted pages (everything below them is hidden too), once per request."""
    cached = getattr(request, _RESTRICTED_PAGES_ATTR, None)
    if cached is None:
        cached = tuple(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
        setattr(request, _RESTRICTED_PAGES_ATTR, cached)
    return cached


def first_public_page(model: type[Page], request: HttpRequest, locales: LocaleChoice) -> Page | None:
    """The first published page of a type (e.g. the interest form) in a locale, else in English, looked up
    once per request."""
    memo = request.__dict__.setdefault(_FIRST_PAGE_ATTR, {})
    key = (model, locales.locale_id)
    if key not in memo:
        memo[key] = locales.apply(public_pages(model.objects.all())).order_by("path").first()
    return memo[key]


def live_snippets(queryset: QuerySet[M]) -> QuerySet[M]:
    """Snippets that editors have published; models without draft state are always live."""
    if issubclass(queryset.model, DraftStateMixin):
        return queryset.filter(live=True).filter(not_expired())
    return queryset


def is_live_snippet(obj: Model | None) -> bool:
    if obj is None:
        return False
    if isinstance(obj, DraftStateMixin):
        if not obj.live:
            return False
        return obj.expire_at is None or obj.expire_at > timezone.now()
    return True


def restricted_collection_ids(request: HttpRequest | None) -> frozenset[int]:
    """Collections with a view restriction and every collection below them, once per request."""
    cached = getattr(request, _RESTRICTED_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    paths = list(Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True).distinct())
    ids: frozenset[int] = frozenset()
    if paths:
        below = Q()
        for path in paths:
            below |= Q(path__startswith=path)
        ids = frozenset(Collection.objects.filter(below).values_list("id", flat=True))
    if request is not None:
        setattr(request, _RESTRICTED_ATTR, ids)
    return ids


def public_media(queryset: QuerySet[M], request: HttpRequest | None) -> QuerySet[M]:
    """Images or documents outside restricted collections."""
    restricted = restricted_collection_ids(request)
    return queryset.exclude(collection_id__in=restricted) if restricted else queryset


def public_media_item(obj: M | None, request: HttpRequest | None) -> M | None:
    """The image or document itself if the public may see it, else None."""
    if obj is None or obj.collection_id in restricted_collection_ids(request):
        return None
    return obj
