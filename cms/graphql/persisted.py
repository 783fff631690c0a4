"""Automatic persisted queries: a client sends a query's SHA-256 instead of its text.

The convention: `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`, in the JSON
body or, for GET, as a JSON-encoded `extensions` URL parameter. An unknown hash answers
`PERSISTED_QUERY_NOT_FOUND`; the client then sends the text with the hash once, and from then on the
hash alone, so a long display query becomes a short, cacheable GET URL. Queries live in the shared
cache, so every app server knows them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.core.cache import cache

from cms import json_body
from cms.errors import ErrorCode, user_error

HASH = re.compile(r"^[0-9a-f]{64}$")


def persisted_hash(extensions: Any) -> str | None:
    """The `sha256Hash` a request's extensions (a dict, or JSON text from a URL) name; None when there is none."""
    if isinstance(extensions, str):
        try:
            extensions = json_body.loads(extensions)
        except ValueError:
            raise user_error("`extensions` must be a JSON object.", ErrorCode.BAD_EXTENSIONS) from None
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if persisted is None:
        return None
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(persisted, dict) or persisted.get("version") != 1 or not HASH.match(str(digest or "")):
        raise user_error(
            "`persistedQuery` needs `version: 1` and a `sha256Hash` of 64 lowercase hex digits.",
            ErrorCode.PERSISTED_QUERY_INVALID,
        )
    return digest


def resolve_persisted_query(query: str | None, digest: str | None) -> str | None:
    """The query text to run: the one sent (stored under its hash when one came with it), or the one stored."""
    if digest is None:
        return query
    key = f"graphql:persisted:{digest}"
    if query:
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise user_error(
                "The query's SHA-256 is not the `sha256Hash` sent with it.", ErrorCode.PERSISTED_QUERY_HASH_MISMATCH
            )
        cache.set(key, query, timeout=settings.GRAPHQL_PERSISTED_QUERY_SECONDS)
        return query
    stored = cache.get(key)
    if stored is None:
        raise user_error("PersistedQueryNotFound", ErrorCode.PERSISTED_QUERY_NOT_FOUND)
    return stored
