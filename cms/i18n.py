"""Content languages: which locales exist, and which translation of an item is served.

An answer is given in one requested locale. An item that has no public translation in it comes back in
the default locale (English) instead, so a family never meets an empty page; the API marks it as a
fallback. Items written only in another locale are left out of lists in a locale they were not
written in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db.models import F, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

if TYPE_CHECKING:
    from wagtail.models import TranslatableMixin

M = TypeVar("M", bound=Model)
Translatable = TypeVar("Translatable", bound="TranslatableMixin")
QS = TypeVar("QS", bound=QuerySet)


def content_language_codes() -> list[str]:
    """The configured content languages, the default first."""
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_language_code() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    """The language's name in English, e.g. 'Spanish'."""
    return settings.KNOWN_LANGUAGES.get(code, (code, code))[0]


def native_language_name(code: str) -> str:
    """The language's name in itself, e.g. 'Español': what a language switcher shows."""
    return settings.KNOWN_LANGUAGES.get(code, (code, code))[1]


def supported_language(code: str | None) -> str | None:
    """The content language a tag stands for ('es-MX' and 'ES' are 'es'), or None if it is not offered."""
    if not code or len(code) > 35:
        return None
    try:
        return get_supported_content_language_variant(code.strip().lower())
    except LookupError:
        return None


def ensure_locales(**kwargs: Any) -> None:
    """A Wagtail locale for every configured content language (after `migrate`, and in the demo seed)."""
    for code in content_language_codes():
        Locale.objects.get_or_create(language_code=code)


@dataclass(frozen=True)
class LocaleTable:
    """The locales that exist, read once per request."""

    by_code: dict[str, int]
    by_id: dict[int, str]
    default_id: int | None

    def code_of(self, locale_id: int | None) -> str:
        return self.by_id.get(locale_id, default_language_code()) if locale_id is not None else default_language_code()


def locale_table() -> LocaleTable:
    """The locales as the database has them now; a GraphQL answer reads them once, as `info.context.locales`."""
    rows = dict(Locale.objects.values_list("language_code", "pk"))
    return LocaleTable(
        by_code=rows, by_id={pk: code for code, pk in rows.items()}, default_id=rows.get(default_language_code())
    )


@dataclass(frozen=True)
class LocaleChoice:
    """The locale an answer is in (None: the default) and the default locale it falls back to."""

    locale_id: int | None
    default_id: int | None

    def apply(self, queryset: QuerySet[M]) -> QuerySet[M]:
        return localized(queryset, self.locale_id, self.default_id)


def locale_choice(locale_id: int | None = None, table: LocaleTable | None = None) -> LocaleChoice:
    return LocaleChoice(locale_id=locale_id, default_id=(table or locale_table()).default_id)


def localized(queryset: QS, locale_id: int | None, default_id: int | None) -> QS:
    """One version of each item: in the locale asked for where the queryset has it, else in the default.

    `queryset` holds the candidates in any locale, already narrowed to what may be shown, so a draft or
    hidden translation never hides its English original.
    """
    if locale_id is None or locale_id == default_id:
        return queryset.filter(locale_id=default_id)
    translated = queryset.filter(locale_id=locale_id).values("translation_key")
    return queryset.filter(Q(locale_id=locale_id) | (Q(locale_id=default_id) & ~Q(translation_key__in=translated)))


def in_canonical_order(queryset: QuerySet[M], default_id: int | None) -> QuerySet[M]:
    """Pages in the order of the default-locale tree: a translation sorts where its original stands."""
    original_path = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=default_id).values(
        "path"
    )[:1]
    return queryset.annotate(canonical_path=Coalesce(Subquery(original_path), F("path"))).order_by("canonical_path")


def best_translation(
    item: Translatable | None,
    locale_id: int | None,
    default_id: int | None,
    visible: Callable[[QuerySet], QuerySet],
) -> Translatable | None:
    """The version of `item` to serve in a locale: its translation there if visible, else the default's.

    Returns `item` itself when neither is visible; the caller decides whether `item` may be shown.
    """
    if item is None or locale_id is None:
        return item
    if item.locale_id == locale_id and getattr(item, "live", True):
        return item
    wanted: list[int | None] = [locale_id] if item.locale_id == default_id else [locale_id, default_id]
    model = type(item)
    candidates = {
        found.locale_id: found
        for found in visible(model._default_manager.filter(translation_key=item.translation_key, locale_id__in=wanted))
    }
    return candidates.get(locale_id) or candidates.get(default_id) or item


def in_active_language(item: Translatable | None, visible: Callable[[QuerySet], QuerySet]) -> Translatable | None:
    """The version of `item` in the active language (an email's reader's, say) if visible, else `item`'s own."""
    table = locale_table()
    return best_translation(item, table.by_code.get(translation.get_language()), table.default_id, visible)


def keep_translations_in_step(model: type[Model], fields: tuple[str, ...]) -> Callable[..., None]:
    """A `published` signal handler: the original's `fields` hold for all of an item's versions.

    Time rules (a story's month and premiere, a recipient's month) must not differ between languages,
    even before translators sync a translation. Publishing the original sets its values on every
    translation; publishing a translation takes the original's values, whatever the translation had.
    """

    def handler(sender: type, instance: TranslatableMixin, **kwargs: Any) -> None:
        from cms.generation import content_changed

        versions = model._default_manager.filter(translation_key=instance.translation_key)
        default_id = locale_table().default_id
        original = instance if instance.locale_id == default_id else versions.filter(locale_id=default_id).first()
        if original is None:
            return
        values = {name: getattr(original, name) for name in fields}
        out_of_step = versions.exclude(pk=original.pk).exclude(**values)
        if out_of_step.update(**values):
            content_changed()

    return handler


def relatives_in_any_locale(page: Page, relation: str) -> QuerySet:
    """A tree relation ('children', 'descendants', 'siblings', ...) of a page and of all its translations."""
    versions = list(Page.objects.filter(translation_key=page.translation_key).only("pk", "path", "depth"))
    condition = Q(pk__in=[])
    for version in versions or [page]:
        condition |= _relation_q(relation, version)
    relatives = Page.objects.filter(condition)
    # The translations of a page at the top of the tree are its siblings there, but not in any language.
    return relatives.exclude(translation_key=page.translation_key) if "siblings" in relation else relatives


def _relation_q(relation: str, page: Page) -> Q:
    """Wagtail's own tree condition for the relation named like the Page method (`get_children`, ...)."""
    pages = Page.objects.all()
    if relation == "children":
        return pages.child_of_q(page)
    if relation == "descendants":
        return pages.descendant_of_q(page)
    if relation == "ancestors":
        return pages.ancestor_of_q(page)
    siblings = pages.sibling_of_q(page, inclusive=False)
    if relation == "next_siblings":
        return siblings & Q(path__gt=page.path)
    if relation == "previous_siblings":
        return siblings & Q(path__lt=page.path)
    return siblings
