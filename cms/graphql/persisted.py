"""Automatic persisted queries: a client sends a query's SHA-256 instead of its text.

The convention: `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`, in the JSON
body or, for GET, as a JSON-encoded `extensions` URL parameter. An unknown hash answers
`PERSISTED_QUERY_NOT_FOUND`; the client then sends the text with the hash once, and from then on the
hash alone, so a long display query becomes a short, cacheable GET URL. Queries live in the shared
cache, so every app server knows them.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from graphql import GraphQLError

HASH = re.compile(r"^[0-9a-f]{64}$")


def _extensions(request: HttpRequest, data: dict[str, Any]) -> Any:
    extensions = data.get("extensions") if request.method == "POST" else request.GET.get("extensions")
    if isinstance(extensions, str):
        try:
            return json.loads(extensions)
        except ValueError:
            raise GraphQLError("`extensions` must be a JSON object.", extensions={"code": "BAD_EXTENSIONS"}) from None
    return extensions


def resolve_persisted_query(request: HttpRequest, data: dict[str, Any], query: str | None) -> str | None:
    """The query text to run: the one sent, or the one stored under the hash sent."""
    extensions = _extensions(request, data)
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if persisted is None:
        return query
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(persisted, dict) or persisted.get("version") != 1 or not HASH.match(str(digest or "")):
        raise GraphQLError(
            "`persistedQuery` needs `version: 1` and a `sha256Hash` of 64 lowercase hex digits.",
            extensions={"code": "PERSISTED_QUERY_INVALID"},
        )
    key = f"graphql:persisted:{digest}"
    if query:
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise GraphQLError(
                "The query's SHA-256 is not the `sha256Hash` sent with it.",
                extensions={"code": "PERSISTED_QUERY_HASH_MISMATCH"},
            )
        cache.set(key, query, timeout=settings.GRAPHQL_PERSISTED_QUERY_SECONDS)
        return query
    stored = cache.get(key)
    if stored is None:
        raise GraphQLError("PersistedQueryNotFound", extensions={"code": "PERSISTED_QUERY_NOT_FOUND"})
    return stored
