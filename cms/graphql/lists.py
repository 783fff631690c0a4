"""Public lists: search, paging and ordering over a queryset already narrowed to what may be shown.

grapple hands `searchQuery` to the search backend together with the queryset's filters, and the search
backend refuses filters on fields it does not index (expiry, locale fallbacks, ...): asking for
`stories(searchQuery: "...")` failed with an internal error. Here the backend searches the whole model,
and its hits are then kept only where the public queryset has them, in relevance order.

A page far down a long list (`stories(offset: 9000)`) made the database order and skip every row before it on
each answer. A list whose caller names what decides it (`order_key`) has the order of its ids kept instead
(`cms.memo`: per worker, per content generation, until the next instant the list may change by itself), and a
page past its start is read by the ids that fall in it.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from graphql import GraphQLResolveInfo
from grapple.settings import grapple_settings
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from cms import i18n
from cms.errors import ErrorCode, user_error
from cms.graphql.locales import expect_locales, localize_queryset
from cms.graphql.prefetch import prefetch_selected
from cms.memo import remembered
from cms.visibility import public_pages

SEARCH_HIT_LIMIT = 500
# Wagtail's search backends join a query's terms into one nested expression, one level a term: a thousand
# terms passed Python's recursion limit. No one searching reads past a few dozen words.
SEARCH_MAX_TERMS = 32


def checked_search(query: str) -> str:
    """`query` when it has at most SEARCH_MAX_TERMS terms; else the client is told so, in words."""
    terms = len(query.split())
    if terms > SEARCH_MAX_TERMS:
        raise user_error(
            f"A search may have at most {SEARCH_MAX_TERMS} terms (words apart); this one has {terms}.",
            ErrorCode.BAD_USER_INPUT,
            limit=SEARCH_MAX_TERMS,
        )
    return query


def search_within(queryset: QuerySet, query: str, operator: str = "and") -> QuerySet:
    """The items of `queryset` that match `query`, best match first."""
    if grapple_settings.ADD_SEARCH_HIT:
        Query.get(query).add_hit()
    _filters, parsed = parse_query_string(query, operator)
    hits = [hit.pk for hit in get_search_backend().search(parsed, queryset.model, operator=operator)[:SEARCH_HIT_LIMIT]]
    rank = Case(*(When(pk=pk, then=Value(index)) for index, pk in enumerate(hits)), output_field=IntegerField())
    return queryset.filter(pk__in=hits).annotate(search_rank=rank).order_by("search_rank") if hits else queryset.none()


def public_list(queryset: QuerySet, info: GraphQLResolveInfo, order_key: Hashable | None = None, **kwargs: Any) -> list:
    """A list field's items: searched, ordered and paged as asked, and noted for `availableLocales`.

    `order_key` names everything but the arguments and the time that decides which items `queryset` holds and in
    what order (the field, its filters, the locale): with it, the order of a list paged past its start is kept.
    """
    search_query = (kwargs.pop("search_query", None) or "").strip()
    operator = str(kwargs.pop("search_operator", None) or "and")
    offset, limit = page_bounds(kwargs.pop("offset", None), kwargs.pop("limit", None))
    if search_query and kwargs.get("id") is None:
        queryset = search_within(queryset, search_query, operator)
        order_key = None
    if order_key is not None:
        order_key = ("list-order", order_key, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
    items = page_of(arranged(queryset, **kwargs), offset, limit, order_key, info.context.generation)
    return expect_locales(info, prefetch_selected(list(items), info))


def page_bounds(offset: int | None, limit: int | None) -> tuple[int, int]:
    """The first item and the number of items of a list's answer, as grapple reads `offset` and `limit`."""
    return int(offset or 0), min(int(limit or grapple_settings.PAGE_SIZE), grapple_settings.MAX_PAGE_SIZE)


def arranged(
    queryset: QuerySet,
    id: Any = None,
    order: str | None = None,
    collection: Any = None,
    in_menu: bool | None = None,
    **_others: Any,
) -> QuerySet:
    """grapple's `resolve_queryset` short of its search (`search_within` does it here) and of its slice, which
    `page_of` takes: the whole list is needed to read a page past its start by its ids."""
    qs: Any = queryset.all() if id is None else queryset.filter(pk=id)  # a PageQuerySet for pages
    if in_menu is not None:
        qs = qs.in_menu() if in_menu else qs.not_in_menu()
    if order is not None:
        qs = qs.order_by(*(name.strip() for name in order.split(",")))
    if collection is not None and any(field.name == "collection" for field in qs.model._meta.get_fields()):
        qs = qs.filter(collection=collection)
    return qs


def page_of(whole: QuerySet, offset: int, limit: int, order_key: Hashable | None, generation: int | None) -> QuerySet:
    """Items `offset` to `offset + limit` of `whole`; past the start, found by their primary keys first, then read
    in full.

    The ids come from the list's order kept under `order_key` for the content `generation` (see the module's
    text), else from the order and offset over narrow rows: one query still, but the rows skipped are never
    joined to what `select_related` adds."""
    if not offset:
        return whole[:limit]
    if order_key is None or generation is None:
        return whole.filter(pk__in=whole[offset : offset + limit].values("pk"))
    ids = remembered(order_key, lambda: array("q", whole.values_list("pk", flat=True)), generation)
    return whole.filter(pk__in=ids[offset : offset + limit].tolist())


def localized_pages(info: GraphQLResolveInfo, candidates: QuerySet, item: Page | None = None, **kwargs: Any) -> list:
    """Public pages, one version of each in the answer's locale (else `item`'s), in the order of the
    default-locale tree unless an `order` is given."""
    qs: PageQuerySet = localize_queryset(info, candidates, item)
    if not kwargs.get("order"):
        qs = i18n.in_canonical_order(qs, info.context.locales.default_id)
    return public_list(qs.specific(), info, **kwargs)


def public_relatives(page: Page, info: GraphQLResolveInfo, relation: str, **kwargs: Any) -> list:
    """A tree relation of a page ('children', 'ancestors', ...): public pages, as `localized_pages` gives them."""
    return localized_pages(info, public_pages(i18n.relatives_in_any_locale(page, relation)), page, **kwargs)
