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
from typing import TYPE_CHECKING, Any

import graphene
from django.db.models import Model, QuerySet
from graphql import GraphQLResolveInfo
from grapple.models import GraphQLBoolean, GraphQLField, GraphQLString
from wagtail.models import Page, TranslatableMixin

from cms import i18n
from cms.errors import user_error
from cms.graphql.context import GraphQLContext
from cms.graphql.loaders import BatchLoader
from cms.i18n import Translatable
from cms.visibility import live_snippets, public_pages

LOCALE_HELP = (
    "The language to answer in, as a code such as 'es' or 'zh-hans' (see `locales`); default 'en'. "
    "Content not yet translated comes back in English, marked `isFallback`."
)


def locale_argument() -> graphene.Argument:
    return graphene.Argument(graphene.String, description=LOCALE_HELP)


def checked_locale(context: GraphQLContext, code: str | None) -> int | None:
    """The locale id for a `locale` argument; a GraphQLError naming the offered codes if it is not one."""
    if code is None:
        return None
    language = i18n.supported_language(code)
    if language is None:
        offered = ", ".join(i18n.content_language_codes())
        raise user_error(f"Unknown locale '{code[:40]}'. Use one of: {offered}.")
    table = context.locales
    # A configured language with no locale row yet has no content of its own: English answers.
    return table.by_code.get(language, table.default_id)


class LocaleArgumentMiddleware:
    """Applies every field's `locale` argument before its resolver runs: checked, and recorded for everything
    below the field (an absent one too: below it, items come in their own language). No resolver has to
    remember to."""

    def resolve(self, next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        field = info.parent_type.fields.get(info.field_name)
        if field is not None and "locale" in field.args:
            info.context.remember_locale(info, checked_locale(info.context, args.get("locale")))
        return next(root, info, **args)


def localize_queryset(info: GraphQLResolveInfo, queryset: QuerySet, item: Model | None = None) -> QuerySet:
    """One version per item of a queryset of candidates in any locale, in the locale this answer is in."""
    return i18n.localized(queryset, info.context.locale_of(info, item), info.context.locales.default_id)


def localize_item(
    info: GraphQLResolveInfo,
    item: Translatable | None,
    visible: Callable[[QuerySet], QuerySet],
    parent: Model | None = None,
) -> Translatable | None:
    """The version of one referenced item (a snippet, a page) to serve in this answer's locale."""
    if item is None:
        return None
    context = info.context
    return i18n.best_translation(item, context.locale_of(info, parent or item), context.locales.default_id, visible)


def is_fallback(info: GraphQLResolveInfo, item: Model) -> bool:
    asked = info.context.asked_locale(info)
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
        served = f"{served}:{info.context.locales.code_of(info.context.asked_locale(info))}"
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
    by_family: dict[type[Model], set] = defaultdict(set)
    for item in items:
        if getattr(item, "translation_key", None) is not None:
            by_family[_family(type(item))].add(item.translation_key)
    for family, keys in by_family.items():
        _versions_loader(info, family).prime(keys)
    return items


def _family(model: type[Model]) -> type[Model]:
    """The model translations are looked up in: Page for every page type, else the snippet's own model."""
    return Page if issubclass(model, Page) else model


def _versions_loader(info: GraphQLResolveInfo, family: type[Model]) -> BatchLoader:
    """Published versions (one per language) by translation key, of pages or of one snippet model."""

    def fetch(keys: set) -> dict[Any, list[Model]]:
        if family is Page:
            versions = public_pages(Page.objects.filter(translation_key__in=keys)).only(
                "id", "translation_key", "locale_id", "url_path", "depth", "path"
            )
        else:
            versions = live_snippets(family._default_manager.filter(translation_key__in=keys)).only(
                "id", "translation_key", "locale_id"
            )
        found: dict[Any, list[Model]] = defaultdict(list)
        for version in versions:
            found[version.translation_key].append(version)
        return found

    return info.context.loader(("published versions", family), fetch, list)


def available_locales(info: GraphQLResolveInfo, item: TranslatableMixin) -> list[dict[str, Any]]:
    """The languages `item` is published in, in the configured order (one query per list, not per item)."""
    family = _family(type(item))
    table = info.context.locales
    order = {code: index for index, code in enumerate(i18n.content_language_codes())}
    result = []
    for version in _versions_loader(info, family).load(item.translation_key):
        code = table.code_of(version.locale_id)
        url = version.get_url(info.context) if family is Page else None
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


if TYPE_CHECKING:  # checked as the Wagtail models it is mixed into
    from wagtail.models import TranslatableMixin as _MixedInto
else:
    _MixedInto = object


class TranslatedItemMixin(_MixedInto):
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
        return info.context.locales.code_of(self.locale_id)

    def graphql_is_fallback(self, info: GraphQLResolveInfo, **kwargs: Any) -> bool:
        return is_fallback(info, self)

    def graphql_available_locales(self, info: GraphQLResolveInfo, **kwargs: Any) -> list[dict[str, Any]]:
        return available_locales(info, self)
