"""Cached GraphQL answers, and when they stop being true.

An answer to a public query is kept in Django's cache (in-process, or Redis shared by every app
server), keyed by what the client sent (the query text or a persisted query's hash, its variables,
the operation, the site and the media type), so a repeated request is answered before any parsing.
Every entry also carries the content *generation* it was made in: any edit that can change an answer
(a page published, unpublished, moved or deleted, a snippet, setting, image, document, collection or
restriction saved) bumps the generation, so older answers are never read again. Answers can also
change with no edit at all, when a story premieres, a scheduled page or snippet goes live or expires (the
worker applies it), or a month ends: an answer is kept no longer than the next such instant.

Mutations, previews, answers with errors, requests with a session user, and anything carrying a
private token are never cached.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from graphql import ArgumentNode, DocumentNode, Node
from redis.exceptions import RedisError
from wagtail import hooks
from wagtail.models import DraftStateMixin, Page, Revision
from wagtail.signals import page_published, page_unpublished

from cms import counters
from cms.dates import month_of, month_start, next_month
from cms.graphql import local_answers

GENERATION_KEY = "graphql:generation"
# Arguments whose value makes an answer the asker's alone: a preview, a letter's status, a sync position.
PRIVATE_ARGUMENTS = frozenset({"token"})


def generation() -> int:
    known = known_generation()
    return 1 if known is None else known


def answer_generation(known: int | None = None) -> int | None:
    """What a kept answer or page is marked with and read under: the content generation and the database's
    counters that answers depend on (cms.counters: an alert issued, ended or changed). A change those counters tell
    of makes every kept answer unreachable within a second of its commit, on every process, even when the cache
    missed the generation's bump (Redis frozen, or each process with a cache of its own)."""
    known = known_generation() if known is None else known
    return None if known is None else hash((known, counters.answer_stamp()))


def known_generation() -> int | None:
    """The content generation, or None while the cache cannot tell it (Redis down): then nothing read from the
    database may be kept as current, since an edit made meanwhile could not bump it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return None if value is None else int(value)


def fresh_generation() -> int:
    """Where the generation starts in an emptied cache: the clock in microseconds (plus a random part, for clocks
    that stand still in tests), so it never starts over at a number answers kept in memory were made in."""
    return time.time_ns() // 1000 + secrets.randbelow(1_000_000)


listener = local_answers.Listener(known_generation)


def content_changed(**kwargs: Any) -> None:
    """Make every cached answer unreachable, on every app server (`local_answers` hears of it at once)."""
    try:
        bumped = cache.incr(GENERATION_KEY)
    except ValueError:  # nothing cached yet, or the cache was emptied: start afresh, then bump past what was read
        cache.add(GENERATION_KEY, fresh_generation(), timeout=None)
        try:
            bumped = cache.incr(GENERATION_KEY)
        except ValueError:
            bumped = None
    if local_answers.enabled():
        listener.bumped(bumped)
        try:
            from django_redis import get_redis_connection

            get_redis_connection("default").publish(local_answers.channel(), bumped)
        except (RedisError, OSError):
            pass  # no listener can be sure of the generation either: each asks Redis until it listens again


def schedule_boundaries(now: datetime.datetime) -> list[datetime.datetime]:
    """The next scheduled go-live (a page's or a snippet's revision) and the next expiry of a live page or snippet
    after `now`: an expired one leaves public reads at that instant."""
    from wagtail.snippets.models import get_snippet_models

    go_live = (
        Revision.objects.filter(approved_go_live_at__gt=now)
        .order_by("approved_go_live_at")
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    live = [Page.objects.live()]
    live += [
        model._default_manager.filter(live=True) for model in get_snippet_models() if issubclass(model, DraftStateMixin)
    ]
    expiries = [rows.filter(expire_at__gt=now).order_by().values_list("expire_at", flat=True) for rows in live]
    expiry = next(iter(expiries[0].union(*expiries[1:]).order_by("expire_at")[:1]), None)  # one query for all
    return [instant for instant in (go_live, expiry) if instant is not None]


def next_boundary(now: datetime.datetime) -> datetime.datetime:
    """The next instant an answer may change with no edit: a schedule, an app's own (a premiere), a new month."""
    key = f"graphql:boundary:{answer_generation(generation())}"
    cached = cache.get(key)
    if cached is not None and cached > now:
        return cached
    instants = [month_start(next_month(month_of(now)))]
    instants += schedule_boundaries(now)
    for boundaries in hooks.get_hooks("graphql_answer_boundaries"):
        instants += [instant for instant in boundaries(now) if instant is not None and instant > now]
    boundary = min(instants)
    cache.set(key, boundary, timeout=max(int((boundary - now).total_seconds()), 1))
    return boundary


def seconds_to_keep(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    until_boundary = int((next_boundary(now) - now).total_seconds())
    return max(min(settings.GRAPHQL_CACHE_SECONDS, until_boundary), 0)


def answer_key(host: str, media_type: str, sent: str, variables: Any, operation_name: str | None) -> str:
    """The key of an answer to what a client sent: `sent` is the query text, or a persisted query's hash."""
    parts = [host, media_type, sent, variables or {}, operation_name or ""]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"graphql:answer:2:{digest}"


def is_private(document: DocumentNode) -> bool:
    """Whether an answer to `document` is the asker's alone: some field in it, in any operation or fragment, is
    passed a private argument (PRIVATE_ARGUMENTS), as a literal or a variable.

    Read from the parsed document, never the text: GraphQL ignores commas and comments, so `token , : $t` is
    the same argument as `token: $t`.
    """
    return any(isinstance(node, ArgumentNode) and node.name.value in PRIVATE_ARGUMENTS for node in _nodes(document))


def _nodes(node: Node):
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        for key in node.keys:
            value = getattr(node, key, None)
            if isinstance(value, Node):
                stack.append(value)
            elif isinstance(value, tuple | list):
                stack.extend(item for item in value if isinstance(item, Node))


@dataclass(frozen=True)
class Hit:
    """A kept answer that is still true, with its entity tag and how many seconds more it stays true."""

    body: bytes
    etag: str
    seconds: int
    keys: tuple[str, ...] = ()


def lookup(key: str) -> tuple[int | None, Hit | None]:
    """The current generation, and the answer kept under `key` if it belongs to it: from this worker's memory
    while the generation is known to be unchanged (`local_answers`), else one cache round trip."""
    if local_answers.enabled() and (known := listener.generation()) is not None:
        known = answer_generation(known)
        entry = local_answers.local.get(key, known)
        if entry is not None:
            return known, _hit(entry)
    found = cache.get_many([GENERATION_KEY, key])
    current, entry = found.get(GENERATION_KEY), found.get(key)
    current = None if current is None else answer_generation(int(current))
    if entry is None or current is None or entry[3] != current:
        return current, None
    hit = _hit(entry)
    if hit is not None and local_answers.enabled():
        local_answers.local.keep(key, entry)
    return current, hit


def _hit(entry: tuple) -> Hit | None:
    body, until, etag, _, keys = entry
    seconds = int(until - time.time())
    return Hit(body, etag, seconds, keys) if seconds > 0 else None


def store(key: str, generation_seen: int, body: bytes, etag: str, seconds: int, keys: tuple[str, ...] = ()) -> None:
    """Keep an answer found public, marked with the generation current before it was worked out, so an edit
    made meanwhile leaves it unread; `keys` are its surrogate keys."""
    entry = (body, time.time() + seconds, etag, generation_seen, keys)
    cache.set(key, entry, timeout=seconds)
    if local_answers.enabled():
        local_answers.local.keep(key, entry)


def _bump_on_save(sender: type, instance: Any, **kwargs: Any) -> None:
    if issubclass(sender, _public_models()):
        content_changed()


@functools.cache
def _public_models() -> tuple[type, ...]:
    """Models whose rows can appear in, or hide something from, a public answer (worked out once)."""
    from taggit.models import TaggedItemBase
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    return (
        Page,
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Site,
        Locale,
        BaseSiteSetting,
        TaggedItemBase,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    )


def connect_invalidation() -> None:
    page_published.connect(content_changed, dispatch_uid="graphql-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="graphql-cache-unpublished")
    post_save.connect(_bump_on_save, dispatch_uid="graphql-cache-save")
    post_delete.connect(_bump_on_save, dispatch_uid="graphql-cache-delete")
