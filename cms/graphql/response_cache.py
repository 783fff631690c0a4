"""Cached GraphQL answers, and when they stop being true.

An answer to a public query is kept in Django's cache (in-process, or Redis shared by every app
server), keyed by what the client sent (the query text or a persisted query's hash, its variables,
the operation, the site and the media type), so a repeated request is answered before any parsing.
Every entry also carries the content *generation* it was made in (`cms.generation`): any edit that can
change an answer (a page published, unpublished, moved or deleted, a snippet, setting, image, document,
collection or restriction saved, an alert issued or ended) moves the generation, so older answers are never
read again. Answers can also change with no edit at all, when a story premieres, a scheduled page or snippet
goes live or expires (the worker applies it), or a month ends: an answer is kept no longer than the next such
instant.

Mutations, previews, answers with errors, requests with a session user, and anything carrying a
private token are never cached.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from graphql import ArgumentNode, DocumentNode, Node

from cms import boundaries, metrics
from cms import generation as content_generation
from cms.graphql import local_answers

# Arguments whose value makes an answer the asker's alone: a preview, a letter's status, a sync position.
PRIVATE_ARGUMENTS = frozenset({"token"})


def generation() -> int:
    """The generation an answer is worked out and kept under (cms.generation.current)."""
    return content_generation.current()


def seconds_to_keep(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    until_boundary = int((boundaries.next_boundary(now) - now).total_seconds())
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
    public_seconds: int
    keys: tuple[str, ...] = ()


class Made(Protocol):
    """An answer just worked out: kept for its `public_seconds` when there are any."""

    @property
    def body(self) -> bytes: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def public_seconds(self) -> int: ...
    @property
    def keys(self) -> tuple[str, ...]: ...


M = TypeVar("M", bound=Made)


def cache_aside(key: str | None, make: Callable[[int], M], *, read: bool = True) -> Hit | M:
    """Cache-aside, the one way answers are kept (the API's and the site's pages): the answer kept under `key`
    in the current generation, else what `make(generation)` works out, kept when it is public. The generation
    is read before the work, so an edit made meanwhile leaves the answer unread. `key` None: nothing is read
    or kept; `read` False (a session's request): nothing is read, but a public answer is still kept."""
    if key is None or not read:
        current = generation()
    else:
        current, hit = lookup(key)
        if hit is not None:
            return hit
    made = make(current)
    if key is not None and made.public_seconds > 0:
        store(key, current, made.body, made.etag or "", made.public_seconds, made.keys)
    return made


def lookup(key: str) -> tuple[int, Hit | None]:
    """The current generation, and the answer kept under `key` if it belongs to it: from this worker's memory
    (`local_answers`) when it has it, else one cache round trip."""
    current = generation()
    if local_answers.enabled():
        entry = local_answers.local.get(key, current)
        if entry is not None:
            metrics.cache_lookup(hit=True)
            return current, _hit(entry)
    entry = cache.get(key)
    metrics.cache_lookup(hit=entry is not None and entry[3] == current)
    if entry is None or entry[3] != current:
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
