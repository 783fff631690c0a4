"""Cached GraphQL answers, and when they stop being true.

An answer to a public query is kept in Django's cache (in-process, or Redis shared by every app
server), keyed by the query, its variables, the operation and the site. Every key also carries the
content *generation*: any edit that can change an answer (a page published, unpublished, moved or
deleted, a snippet, setting, image, document, collection or restriction saved) bumps the generation,
so older answers are never read again. Answers can also change with no edit at all, when a story
premieres, a scheduled page goes live or expires, or a month ends: an answer is kept no longer than
the next such instant.

Mutations, requests with a session user, and anything carrying a private token are never cached.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
import time
import urllib.parse
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished

from cms.dates import month_of, month_start, next_month

GENERATION_KEY = "graphql:generation"
PRIVATE_ARGUMENT = re.compile(r"\btoken\s*:")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def content_changed(**kwargs: Any) -> None:
    """Make every cached answer unreachable."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # nothing cached yet, or the cache was emptied
        cache.add(GENERATION_KEY, generation() + 1, timeout=None)


def page_schedule_boundaries(now: datetime.datetime) -> list[datetime.datetime]:
    go_live = Revision.page_revisions.filter(approved_go_live_at__gt=now).order_by("approved_go_live_at").first()
    expiry = Page.objects.live().filter(expire_at__gt=now).order_by("expire_at").first()
    return [
        instant
        for instant in (go_live.approved_go_live_at if go_live else None, expiry.expire_at if expiry else None)
        if instant is not None
    ]


def next_boundary(now: datetime.datetime) -> datetime.datetime:
    """The next instant an answer may change with no edit: a schedule, an app's own (a premiere), a new month."""
    key = f"graphql:boundary:{generation()}"
    cached = cache.get(key)
    if cached is not None and cached > now:
        return cached
    instants = [month_start(next_month(month_of(now)))]
    instants += page_schedule_boundaries(now)
    for boundaries in hooks.get_hooks("graphql_answer_boundaries"):
        instants += [instant for instant in boundaries(now) if instant is not None and instant > now]
    boundary = min(instants)
    cache.set(key, boundary, timeout=max(int((boundary - now).total_seconds()), 1))
    return boundary


def seconds_to_keep(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    until_boundary = int((next_boundary(now) - now).total_seconds())
    return max(min(settings.GRAPHQL_CACHE_SECONDS, until_boundary), 0)


def response_key(request: HttpRequest, query: str, variables: Any, operation_name: str | None) -> str:
    media_type = getattr(request, "graphql_media_type", "application/json")
    parts = [generation(), request.get_host(), media_type, query, variables or {}, operation_name or ""]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"graphql:answer:{digest}"


def may_cache(request: HttpRequest, query: str) -> bool:
    if settings.GRAPHQL_CACHE_SECONDS <= 0 or PRIVATE_ARGUMENT.search(query):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


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


def fast_lookup(
    request: HttpRequest, wants_html: bool, media_type: str = "application/json"
) -> tuple[str | None, int | None, tuple | None]:
    """For a GET with no session: a key from the raw URL, the current generation, and a still-valid answer
    stored under that key, if any, in one cache round trip.

    Only answers the full path found cacheable are stored under such keys, so a hit is always public.
    """
    if (
        request.method != "GET"
        or wants_html
        or settings.GRAPHQL_CACHE_SECONDS <= 0
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or PRIVATE_ARGUMENT.search(urllib.parse.unquote_plus(request.META.get("QUERY_STRING", "")))
    ):
        return None, None, None
    raw = f"{media_type} {request.get_host()}?{request.META.get('QUERY_STRING', '')}"
    key = f"graphql:get:{hashlib.sha256(raw.encode()).hexdigest()}"
    found = cache.get_many([GENERATION_KEY, key])
    current, entry = found.get(GENERATION_KEY), found.get(key)
    if entry is not None and current is not None and entry[3] == current and entry[1] > time.time():
        return key, current, entry[:3]
    return key, current, None


def fast_store(key: str, generation_seen: int | None, response: Any, seconds: int) -> None:
    """Keep a public GET answer under its raw-URL key, marked with the generation it was made in."""
    etag = response.get("ETag")
    if generation_seen is None or etag is None or response.status_code != 200:
        return
    cache.set(key, (response.content, time.time() + seconds, etag, generation_seen), timeout=seconds)
