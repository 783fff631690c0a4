"""The `locale` argument of every public query, and what each item says about its languages.

A field's `locale` governs everything below it: a campaign asked for in Spanish brings its stories,
a partnership page its offices and award page, in Spanish too where they are translated. An item missing in the
asked locale comes back in English with `isFallback: true`; `availableLocales` lists the languages an
item is published in, for a language switcher. Without a `locale`, lists are in English, and a page
found by id, slug or URL brings its own language to what is below it, as if it had been asked for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import graphene
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from graphql import GraphQLError, GraphQLResolveInfo
from grapple.models import GraphQLBoolean, GraphQLField, GraphQLString
from wagtail.models import Page

from cms import i18n
from cms.visibility import live_snippets, public_pages

LOCALE_HELP = (
    "The language to answer in, as a code such as 'es' or 'zh-hans' (see `locales`); default 'en'. "
    "Content not yet translated comes back in English, marked `isFallback`."
)

_LOCALES_ATTR = "_btcms_asked_locales"
_AVAILABLE_ATTR = "_btcms_available_locales"


def locale_argument() -> graphene.Argument:
    return graphene.Argument(graphene.String, description=LOCALE_HELP)


def _path(info: GraphQLResolveInfo) -> tuple:
    return tuple(info.path.as_list())


def checked_locale(request: HttpRequest, code: str | None) -> int | None:
    """The locale id for a `locale` argument; a GraphQLError naming the offered codes if it is not one."""
    if code is None:
        return None
    language = i18n.supported_language(code)
    if language is None:
        offered = ", ".join(i18n.content_language_codes())
        raise GraphQLError(f"Unknown locale '{code[:40]}'. Use one of: {offered}.")
    table = i18n.locale_table(request)
    # A configured language with no locale row yet has no content of its own: English answers.
    return table.by_code.get(language, table.default_id)


def use_locale(info: GraphQLResolveInfo, code: str | None) -> int | None:
    """Check a field's `locale` argument and remember it for everything resolved below that field."""
    locale_id = checked_locale(info.context, code)
    remember_locale(info, locale_id)
    return locale_id


def remember_locale(info: GraphQLResolveInfo, locale_id: int | None) -> None:
    """Resolve everything below this field in `locale_id` (None: each item in its own language)."""
    info.context.__dict__.setdefault(_LOCALES_ATTR, {})[_path(info)] = locale_id


def requested_locale_id(info: GraphQLResolveInfo) -> int | None:
    """The locale the nearest field above (or at) this one asked for, or None when none asked."""
    asked = info.context.__dict__.get(_LOCALES_ATTR)
    if not asked:
        return None
    path = _path(info)
    for end in range(len(path), 0, -1):
        if path[:end] in asked:
            return asked[path[:end]]
    return None


def effective_locale_id(info: GraphQLResolveInfo, item: Model | None = None) -> int | None:
    """The locale to resolve in: the one asked for, else the item's own, else the default."""
    asked = requested_locale_id(info)
    if asked is not None:
        return asked
    if item is not None and getattr(item, "locale_id", None) is not None:
        return item.locale_id
    return i18n.locale_table(info.context).default_id


def answer_language(info: GraphQLResolveInfo, item: Model | None = None) -> str:
    """The language code for the project's own words in this answer (form labels, messages, status names):
    the one asked for, even where editors' content falls back to English."""
    return i18n.locale_table(info.context).code_of(effective_locale_id(info, item))


def localize_queryset(info: GraphQLResolveInfo, queryset: QuerySet, item: Model | None = None) -> QuerySet:
    """One version per item of a queryset of candidates in any locale, in the locale this answer is in."""
    table = i18n.locale_table(info.context)
    return i18n.localized(queryset, effective_locale_id(info, item), table.default_id)


def localize_item(
    info: GraphQLResolveInfo,
    item: Model | None,
    visible: Callable[[QuerySet], QuerySet],
    parent: Model | None = None,
) -> Model | None:
    """The version of one referenced item (a snippet, a page) to serve in this answer's locale."""
    if item is None:
        return None
    table = i18n.locale_table(info.context)
    return i18n.best_translation(item, effective_locale_id(info, parent or item), table.default_id, visible)


def is_fallback(info: GraphQLResolveInfo, item: Model) -> bool:
    asked = requested_locale_id(info)
    return asked is not None and getattr(item, "locale_id", asked) != asked


PREVIEW_REVISION_ATTR = "preview_marker"
QUALIFIED_ID = re.compile(r"^(?P<pk>\d+)(?::(?P<locale>[A-Za-z]+(?:[-_][A-Za-z0-9]+)*))?$", re.ASCII)


def served_id(info: GraphQLResolveInfo, item: Model) -> str:
    """The `id` of a page or snippet as this answer serves it: its database id in its own language, the id
    qualified with the asked locale when it stands in for a missing translation ('12:es'), and marked with the
    draft it shows when it is a preview ('12@rev7' for a saved revision, '12@draft-…' for an editor's unsaved
    form), so that no two different answers share an id."""
    served = str(item.pk)
    marker = getattr(item, PREVIEW_REVISION_ATTR, None)
    if marker is not None:
        served = f"{served}@{marker}"
    if is_fallback(info, item):
        served = f"{served}:{i18n.locale_table(info.context).code_of(requested_locale_id(info))}"
    return served


def split_id(value: str) -> tuple[str, str | None] | None:
    """'12' → ('12', None), '12:es' → ('12', 'es'); None when `value` is neither."""
    match = QUALIFIED_ID.match(value)
    return (match["pk"], match["locale"]) if match else None


class AvailableLocale(graphene.ObjectType):
    """A language an item is published in."""

    code = graphene.String(required=True, description="The locale code to ask for it with, e.g. 'es'.")
    name = graphene.String(required=True, description="The language's name in English, e.g. 'Spanish'.")
    native_name = graphene.String(required=True, description="The language's name in itself, e.g. 'Español'.")
    id = graphene.ID(
        required=True,
        description=(
            "Names this entry: the kind of item and the database id of its version in this language, e.g. "
            "'Page:40' or 'ContactOffice:7'. Ask for that version with the item's own `id` and `locale`."
        ),
    )
    url = graphene.String(description="For pages: the URL of the page in this language.")


class ContentLocale(graphene.ObjectType):
    """A language content can be published in."""

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    native_name = graphene.String(required=True)
    is_default = graphene.Boolean(required=True, description="True for the language every fallback is in.")


def _language(code: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "name": i18n.language_name(code), "native_name": i18n.native_language_name(code), **extra}


def content_locales() -> list[dict[str, Any]]:
    default = i18n.default_language_code()
    return [_language(code, is_default=code == default) for code in i18n.content_language_codes()]


def expect_locales(info: GraphQLResolveInfo, items: list) -> list:
    """Note a list's items, so that the first `availableLocales` asked of any of them looks them all up at once."""
    pending = _available_state(info.context)["pending"]
    for item in items:
        if getattr(item, "translation_key", None) is not None:
            pending[_family(type(item))].add(item.translation_key)
    return items


def _available_state(request: HttpRequest) -> dict[str, Any]:
    return request.__dict__.setdefault(_AVAILABLE_ATTR, {"pending": defaultdict(set), "found": {}})


def _family(model: type[Model]) -> type[Model]:
    """The model translations are looked up in: Page for every page type, else the snippet's own model."""
    return Page if issubclass(model, Page) else model


def available_locales(info: GraphQLResolveInfo, item: Model) -> list[dict[str, Any]]:
    """The languages `item` is published in, in the configured order (one query per list, not per item)."""
    request = info.context
    state = _available_state(request)
    family = _family(type(item))
    key = (family, item.translation_key)
    if key not in state["found"]:
        keys = state["pending"].pop(family, set()) | {item.translation_key}
        for translation_key in keys:
            state["found"][(family, translation_key)] = []
        if family is Page:
            versions = public_pages(Page.objects.filter(translation_key__in=keys)).only(
                "id", "translation_key", "locale_id", "url_path", "depth", "path"
            )
        else:
            versions = live_snippets(family._default_manager.filter(translation_key__in=keys)).only(
                "id", "translation_key", "locale_id"
            )
        for version in versions:
            state["found"][(family, version.translation_key)].append(version)
    table = i18n.locale_table(request)
    order = {code: index for index, code in enumerate(i18n.content_language_codes())}
    result = []
    for version in state["found"][key]:
        code = table.code_of(version.locale_id)
        url = version.get_url(request) if family is Page else None
        # An entry describes one version (its code and URL), so it is named by that version, with the kind of
        # item in front: a page and a snippet may have the same database id.
        result.append(_language(code, id=f"{family.__name__}:{version.pk}", url=url))
    return sorted(result, key=lambda entry: order.get(entry["code"], len(order)))


def locale_fields() -> dict[str, Any]:
    """The language fields of every page and translatable snippet, as graphene fields."""
    return {
        "locale": graphene.String(required=True, description="The language this item's content is in."),
        "is_fallback": graphene.Boolean(
            required=True,
            description="True when the `locale` asked for has no translation of this item, so it is in English.",
        ),
        "available_locales": graphene.List(
            graphene.NonNull(AvailableLocale),
            required=True,
            description="The languages this item is published in, for a language switcher.",
        ),
    }


class TranslatedItemMixin:
    """For translatable snippets: the language fields, resolved in the answer's locale."""

    @staticmethod
    def localized_graphql_fields() -> list:
        return [
            GraphQLString("locale", source="graphql_locale", required=True),
            GraphQLBoolean("is_fallback", source="graphql_is_fallback", required=True),
            GraphQLField(
                "available_locales",
                graphene.List(graphene.NonNull(AvailableLocale)),
                source="graphql_available_locales",
                required=True,
            ),
        ]

    def graphql_locale(self, info: GraphQLResolveInfo, **kwargs: Any) -> str:
        return i18n.locale_table(info.context).code_of(self.locale_id)

    def graphql_is_fallback(self, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return is_fallback(info, self)

    def graphql_available_locales(self, info: GraphQLResolveInfo, **kwargs: Any) -> list[dict[str, Any]]:
        return available_locales(info, self)
