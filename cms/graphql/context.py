"""What every resolver gets as `info.context`: one typed object per request, made by `get_context()`.

It holds the request and everything a request learns once and reads many times: the locale table, what hides
content (see `PublicReads`), the locale each field asked for, whether a draft is shown, and batch loaders.
grapple and Wagtail read `info.context` as the request itself (its host, user, site), so attributes the
context does not define are read from the request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from graphql import GraphQLResolveInfo

from cms.graphql.loaders import BatchLoader
from cms.i18n import LocaleChoice, LocaleTable, locale_table
from cms.memo import remembered
from cms.visibility import PublicReads

ResponsePath = tuple[str | int, ...]


class AskedLocales:
    """The locale asked for at each field of the answer that set one; it holds for everything below that field.

    A recorded None is a choice too: below it, each item comes in its own language.
    """

    def __init__(self) -> None:
        self._by_path: dict[ResponsePath, int | None] = {}

    def record(self, path: ResponsePath, locale_id: int | None) -> None:
        self._by_path[path] = locale_id

    def nearest(self, path: ResponsePath) -> int | None:
        """The locale recorded at `path` or at the nearest field above it; None when none was."""
        for end in range(len(path), 0, -1):
            if path[:end] in self._by_path:
                return self._by_path[path[:end]]
        return None


def _path(info: GraphQLResolveInfo) -> ResponsePath:
    return tuple(info.path.as_list())


class GraphQLContext(PublicReads):
    """The request being answered, and what resolvers share while answering it."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__()
        self.request = request
        self.asked = AskedLocales()
        # Set when the answer shows a previewed draft: such an answer must never be cached.
        self.shows_draft: bool = False
        self._loaders: dict[Hashable, BatchLoader] = {}

    def __getattr__(self, name: str) -> Any:
        # Only called for names the context does not have: the request's own (META, user, get_host, ...).
        return getattr(self.request, name)

    @cached_property
    def locales(self) -> LocaleTable:
        return remembered("locale-table", locale_table, self.generation)

    def loader(self, name: Hashable, fetch: Callable[[set], dict], missing: Callable[[], Any]) -> BatchLoader:
        """The batch loader called `name` for this answer, made with `fetch` on first use."""
        if name not in self._loaders:
            self._loaders[name] = BatchLoader(fetch, missing)
        return self._loaders[name]

    # The locale API: set for a field's `locale` argument by `LocaleArgumentMiddleware` before its resolver runs.

    def remember_locale(self, info: GraphQLResolveInfo, locale_id: int | None) -> None:
        """Resolve everything below this field in `locale_id` (a page found by id, slug or URL brings its own)."""
        self.asked.record(_path(info), locale_id)

    def asked_locale(self, info: GraphQLResolveInfo) -> int | None:
        """The locale the nearest field above (or at) this one asked for; None when none asked."""
        return self.asked.nearest(_path(info))

    def locale_of(self, info: GraphQLResolveInfo, item: Model | None = None) -> int | None:
        """The locale to resolve in: the one asked for, else the item's own, else the default."""
        asked = self.asked_locale(info)
        if asked is not None:
            return asked
        if (own := getattr(item, "locale_id", None)) is not None:
            return own
        return self.locales.default_id

    def language_of(self, info: GraphQLResolveInfo, item: Model | None = None) -> str:
        """The language code for the project's own words in this answer (form labels, messages, status
        names): the locale resolved in, even where editors' content falls back to English."""
        return self.locales.code_of(self.locale_of(info, item))

    def locale_choice(self, info: GraphQLResolveInfo, item: Model | None = None) -> LocaleChoice:
        """The locale to resolve in with its fallback, for querysets of candidates in any locale."""
        return LocaleChoice(locale_id=self.locale_of(info, item), default_id=self.locales.default_id)


def build_context(request: HttpRequest, generation: int | None = None) -> GraphQLContext:
    """The context of one answer; `generation`, when the response cache has just told it, is not asked again."""
    context = GraphQLContext(request)
    if generation is not None:
        context.generation = generation
    return context
