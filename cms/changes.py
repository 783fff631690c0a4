"""One dispatcher for content changes: what follows a change, in the order written here.

Wagtail and Django tell of a change through several signals (a page published, unpublished, moved or deleted;
a snippet published or unpublished; any row saved or deleted). Each signal is heard once, here, and hands the
change to its followers in this order, whatever order the apps were loaded in:

1. the content generation (`cms.generation`) moves, in the change's own transaction, so every cached answer and
   site page is stale at once, and what follows reads and reports the new generation;
2. the delta-sync journal (`cms.sync.signals`) writes the change's new position;
3. webhook events (`cms.webhooks.signals`) are queued in the outbox, carrying the generation and the
   surrogate keys the change touches (`cms.surrogate_keys.change_keys`), for CDNs and frontends to purge by;
4. for a page published in its source language, what its translations keep in step with it (a story's captions
   tracks, `cms.translation_publishing`) is brought into the stored source they are published from.

The worker's tick applies what changes by time alone (a premiere, a scheduled go-live, a month turning) through
the same followers (`cms.worker`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms import generation, translation_publishing
from cms.sync import signals as sync
from cms.webhooks import signals as webhooks

Follower = Callable[..., None]


def _only(model: type, follower: Follower) -> Follower:
    def for_model(sender: type, **kwargs: Any) -> None:
        if sender is model:
            follower(sender=sender, **kwargs)

    for_model.__qualname__ = f"{follower.__qualname__} (for {model.__name__})"
    return for_model


# Signal → its followers, in order: generation, then sync journal, then webhook events.
FOLLOWERS: dict[Signal, list[Follower]] = {
    page_published: [
        generation.content_changed,
        sync.on_page_change,
        webhooks.on_page_published,
        translation_publishing.follow_source_on_publish,
    ],
    page_unpublished: [generation.content_changed, sync.on_page_change, webhooks.on_page_unpublished],
    post_page_move: [sync.on_page_change, webhooks.on_page_moved],  # the page's save moved the generation
    pre_delete: [webhooks.on_page_deleted],  # before the rows go, while the page can still be described
    post_save: [
        generation.bump_on_save,
        _only(PageViewRestriction, sync.on_restriction_change),
        sync.on_snippet_saved,
        webhooks.on_snippet_saved,
    ],
    post_delete: [
        generation.bump_on_save,
        _only(PageViewRestriction, sync.on_restriction_change),
        sync.on_delete,
        webhooks.on_snippet_deleted,
    ],
    published: [sync.on_snippet_published, webhooks.on_snippet_published],
    unpublished: [sync.on_snippet_published, webhooks.on_snippet_unpublished],
}


def _dispatcher(signal: Signal) -> Follower:
    followers = FOLLOWERS[signal]

    def dispatch(sender: type, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return  # rows loaded as they are (loaddata, import_content), which rebuilds what follows once, after
        for follower in followers:
            follower(sender=sender, **kwargs)

    return dispatch


# Signals keep only weak references unless told otherwise; the dispatchers live as long as the process.
_DISPATCHERS = {signal: _dispatcher(signal) for signal in FOLLOWERS}


def connect() -> None:
    for number, (signal, dispatch) in enumerate(_DISPATCHERS.items()):
        signal.connect(dispatch, weak=False, dispatch_uid=f"cms.changes.{number}")
