"""`changes(since:, locale:, first:)`: what was created, changed and removed since a token.

With no token it is the initial sync: every public item, oldest change first, page by page. Each answer
gives the token to ask with next; `hasMore` says to ask again at once. Removals are tombstones: a type and
an id, never content. Items are loaded in one query per page type or snippet model for the whole answer,
whatever its length, and checked again against the visibility rules, so an item that stopped being public
since the journal last moved is answered as removed.
"""

from __future__ import annotations

import base64
import binascii
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import graphene
from django.apps import apps
from django.conf import settings
from django.db.models import Model, Q
from graphql import GraphQLResolveInfo
from grapple.types.interfaces import get_page_interface, get_snippet_interface
from wagtail.models import Page

from cms.errors import ErrorCode, user_error
from cms.i18n import supported_language
from cms.sync.models import SyncEntry, SyncState
from cms.visibility import live_snippets, public_pages

TOKEN_PREFIX = "v1:"  # noqa: S105 (a format, not a secret)


def make_token(position: int, base: int | None = None) -> str:
    """A token: the last change number answered, and (when larger) the number the client's copy is complete
    up to: during a full sync, the counter when it began. Removals after `base` are what a client needs."""
    text = f"{TOKEN_PREFIX}{position}" if base is None or base == position else f"{TOKEN_PREFIX}{position}:{base}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def read_token(token: str) -> tuple[int, int]:
    """(position, base) from a token; a clear error for anything that is not one."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    numbers = text[len(TOKEN_PREFIX) :].split(":") if text.startswith(TOKEN_PREFIX) else []
    if not 1 <= len(numbers) <= 2 or not all(number.isdigit() for number in numbers):
        raise user_error(
            f"'{token[:40]}' is not a sync token: pass back the `nextToken` of an earlier answer, or leave `since` "
            "out for a full sync.",
            ErrorCode.SYNC_TOKEN_INVALID,
        )
    position = int(numbers[0])
    return position, max(position, int(numbers[-1]))


class SyncChange(graphene.Enum):
    """Whether an item is new to a client holding the token, or one it has in an older version."""

    CREATED = "CREATED"
    CHANGED = "CHANGED"


@dataclass
class Change:
    entry: SyncEntry
    obj: Model
    since: int


class SyncItem(graphene.ObjectType):
    """A public page or snippet created or changed since the token, in its own language."""

    change = graphene.Field(SyncChange, required=True)
    type = graphene.String(required=True, description="The GraphQL type, e.g. 'StoryPage' or 'ContactOffice'.")
    item_id = graphene.ID(
        required=True,
        description="Its `id`, as every other query serves it (named apart, so normalized caches do not take a "
        "change for the item itself).",
    )
    locale = graphene.String(description="Its language; null for content that has none (a school).")
    page = graphene.Field(lambda: get_page_interface(), description="The page, when it is one.")
    snippet = graphene.Field(lambda: get_snippet_interface(), description="The snippet, when it is one.")

    @staticmethod
    def resolve_change(change: Change, info: GraphQLResolveInfo) -> str:
        return SyncChange.CREATED if change.entry.created_seq > change.since else SyncChange.CHANGED

    @staticmethod
    def resolve_type(change: Change, info: GraphQLResolveInfo) -> str:
        return change.entry.type_name

    @staticmethod
    def resolve_item_id(change: Change, info: GraphQLResolveInfo) -> str:
        return str(change.entry.object_id)

    @staticmethod
    def resolve_locale(change: Change, info: GraphQLResolveInfo) -> str | None:
        return change.entry.locale or None

    @staticmethod
    def resolve_page(change: Change, info: GraphQLResolveInfo) -> Page | None:
        if not isinstance(change.obj, Page):
            return None
        info.context.remember_locale(info, change.obj.locale_id)  # what is below it is in its language
        return change.obj

    @staticmethod
    def resolve_snippet(change: Change, info: GraphQLResolveInfo) -> Model | None:
        return None if isinstance(change.obj, Page) else change.obj


class Tombstone(graphene.ObjectType):
    """An item a client may hold that is no longer public (unpublished, deleted, expired or made private)."""

    type = graphene.String(required=True)
    item_id = graphene.ID(required=True, description="The `id` it had in every other query.")


class SyncResult(graphene.ObjectType):
    """One page of changes, oldest first."""

    items = graphene.List(graphene.NonNull(SyncItem), required=True)
    removed = graphene.List(graphene.NonNull(Tombstone), required=True)
    next_token = graphene.String(required=True, description="Pass it as `since` next time.")
    has_more = graphene.Boolean(required=True, description="True when more changes wait: ask again at once.")


def _load(entries: list[SyncEntry]) -> dict[tuple[str, int], Model]:
    """The public objects behind these entries: one query per model."""
    ids: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        ids[entry.model].append(entry.object_id)
    found: dict[tuple[str, int], Model] = {}
    for label, pks in ids.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        queryset = model._default_manager.filter(pk__in=pks)
        visible = public_pages(queryset) if issubclass(model, Page) else live_snippets(queryset)
        found.update(((label, obj.pk), obj) for obj in visible)
    return found


def resolve_changes(
    info: GraphQLResolveInfo, since: str | None = None, locale: str | None = None, first: int | None = 100
) -> dict[str, Any]:
    first = 100 if first is None else first
    if not 1 <= first <= settings.SYNC_PAGE_MAX:
        raise user_error(f"`first` must be between 1 and {settings.SYNC_PAGE_MAX}, not {first}.")
    code = supported_language(locale) if locale else None
    if locale and code is None:
        raise user_error(f"'{locale}' is not a content language.")
    counter, purged_through = SyncState.objects.filter(pk=1).values_list("counter", "purged_through").first() or (0, 0)
    start, base = read_token(since) if since is not None else (0, counter)
    if since is not None and base < purged_through:
        raise user_error(
            f"This sync token is older than the {settings.SYNC_RETENTION_DAYS} days removals are kept: start over "
            "with a full sync (leave `since` out) and replace what you hold.",
            ErrorCode.SYNC_TOKEN_EXPIRED,
        )
    entries = SyncEntry.objects.filter(seq__gt=start).order_by("seq")
    if since is None:
        entries = entries.filter(public=True)
    if code:
        entries = entries.filter(Q(locale=code) | Q(locale=""))
    rows = list(entries[: first + 1])
    has_more = len(rows) > first
    rows = rows[:first]
    found = _load([row for row in rows if row.public])
    items, removed = [], []
    for row in rows:
        obj = found.get((row.model, row.object_id)) if row.public else None
        if obj is not None:
            items.append(Change(row, obj, start))
        elif since is not None:
            removed.append({"type": row.type_name, "item_id": str(row.object_id)})
    last = rows[-1].seq if rows else start
    # Numbers commit in order (cms.sync.journal), so with nothing more to send, everything up to the counter
    # read before the rows has been seen.
    position = last if has_more else max(last, counter)
    return {
        "items": items,
        "removed": removed,
        "next_token": make_token(position, max(position, base)),
        "has_more": has_more,
    }


class SyncQuery(graphene.ObjectType):
    """Delta sync for clients that keep an offline copy."""

    changes = graphene.Field(
        SyncResult,
        required=True,
        since=graphene.String(description="The `nextToken` of the last answer; leave out for a full sync."),
        locale=graphene.String(description="Only items in this language (and those with none)."),
        first=graphene.Int(default_value=100, description="At most this many changes (up to 500)."),
        description="What was created, changed and removed since a token, oldest first, with the next token. "
        "Removals are tombstones (type and id). Nothing that was never public appears.",
    )

    def resolve_changes(self, info: GraphQLResolveInfo, **kwargs: Any) -> dict[str, Any]:
        return resolve_changes(info, **kwargs)
