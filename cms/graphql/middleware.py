"""Resolver middleware: arguments grapple would pass unchecked to the database are checked first."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldError
from graphql import GraphQLID, GraphQLResolveInfo, get_nullable_type

from cms import i18n
from cms.errors import user_error
from cms.graphql.lists import checked_search
from cms.graphql.locales import LocaleArgumentMiddleware, split_id

SITE = re.compile(r"^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$")


class OrderAllowListMiddleware:
    """Only plain, allow-listed model fields may reach `order_by` through an `order` argument."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        order = args.get("order")
        if order is not None:
            allowed = settings.GRAPHQL_ORDER_FIELDS
            for part in (p.strip() for p in str(order).split(",")):
                if part.lstrip("-") not in allowed:
                    raise user_error(
                        f"Cannot order by '{part}'. `order` accepts a comma-separated list of "
                        f"{', '.join(sorted(allowed))}, each optionally prefixed with '-'."
                    )
            try:
                return next_(root, info, **args)
            except FieldError:
                # An allowed name that this list's items do not have (sites have no `created_at`).
                raise user_error(f"`{info.field_name}` cannot be ordered by '{order}'.") from None
        return next_(root, info, **args)


class ArgumentShapeMiddleware:
    """Arguments grapple passes straight to the database must look right, or the client is told in words.

    Every `ID` argument names a row: a whole number, or, as a fallback's `id` reads, a whole number
    qualified with the locale it was served in ('12:es'), which means that row in that locale where the field
    takes a `locale`. A `site` is a host name with an optional numeric port. grapple let "abc" or "host:x"
    through to a query filter, where they raised internal errors.
    """

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        if args:
            field = info.parent_type.fields.get(info.field_name)
            for name, value in list(args.items()):
                argument = field.args.get(name) if field is not None else None
                if argument is None or value is None:
                    continue
                if get_nullable_type(argument.type) is GraphQLID:
                    args[name], locale = self._row_id(name, str(value), field.args, args.get("locale"))
                    if locale is not None:
                        args["locale"] = locale
                if name == "site" and not SITE.match(str(value)):
                    raise user_error(f"`site` must be a host name, optionally with ':port'; got '{value}'.")
        return next_(root, info, **args)

    @staticmethod
    def _row_id(name: str, value: str, arguments: dict, asked: str | None) -> tuple[str, str | None]:
        """The database id an `ID` argument names, and the locale its suffix asks for, if any."""
        parts = split_id(value)
        if parts is None:
            qualified = (
                ", or one with the locale a fallback was served in, as in '12:es'" if "locale" in arguments else ""
            )
            raise user_error(f"`{name}` must be a whole number (a database id){qualified}; got '{value[:60]}'.")
        pk, locale = parts
        if locale is None:
            return pk, None
        if "locale" not in arguments:
            raise user_error(
                f'`{name}: "{value}"` names an item in a language, but this field answers in the language of the '
                f"item above it; use '{pk}'."
            )
        if asked is not None and i18n.supported_language(asked) != i18n.supported_language(locale):
            raise user_error(
                f"`{name}: \"{value}\"` names the item in '{locale}', but `locale` asks for '{asked}'; "
                f"leave out one of them, or use '{pk}' with `locale: \"{asked}\"`."
            )
        return pk, asked or locale


class UnsearchableListMiddleware:
    """grapple offers `searchQuery` on every list, but sites and collections are not in the search index; and a
    search may have only so many terms (cms.graphql.lists.checked_search)."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        if not args.get("search_query"):
            return next_(root, info, **args)
        checked_search(str(args["search_query"]))
        try:
            return next_(root, info, **args)
        except TypeError as error:
            if "not searchable" not in str(error):
                raise
            raise user_error(f"`searchQuery` is not available on `{info.field_name}`.") from None


# graphql-core wraps a resolver in the first middleware first, so the last one listed runs first. The locale is
# applied last, just before the resolver: after ArgumentShapeMiddleware has read a locale out of an id ('12:es').
RESOLVER_MIDDLEWARE = (
    LocaleArgumentMiddleware(),
    OrderAllowListMiddleware(),
    ArgumentShapeMiddleware(),
    UnsearchableListMiddleware(),
)
