"""The content generation: one number that moves with every change that can change a public answer.

Every cache of public content is keyed by it (GraphQL answers and site pages, in the shared cache and in each
worker's memory; the facts `cms.memo` keeps per worker; the order of story lists), webhooks report it, and an
answer is worked out under the generation read before its reads, so an edit made meanwhile leaves it unread.

It is a database counter (`cms.counters`), moved in the transaction of the change itself: a page published,
unpublished, moved or deleted, a snippet, setting, image, document, collection, restriction, site or locale
saved. Every process (each app server's workers, the worker, a management command, a shell) moves and reads the
same number, so an edit made anywhere reaches every process within `COUNTER_READ_SECONDS` (the process that made
it at once), whatever the cache does: a bump can no longer be lost with a cache write while Redis hangs, nor stay
in the memory of the one process that made it.
"""

from __future__ import annotations

import functools
from typing import Any

from wagtail.models import Page

from cms import counters

CONTENT = counters.declare("cms.content", in_answers=True)


def current() -> int:
    """The generation public answers are worked out and kept under: the content's counter, and any other counter
    answers depend on (an emergency alert issued or ended, `displays.pulse`)."""
    return counters.answer_stamp()


def content_version() -> int:
    """The content counter alone, which only grows: what webhooks report as the generation after a change."""
    return counters.value(CONTENT)


def content_changed(**kwargs: Any) -> None:
    """Make every cached answer and every kept fact unreachable, on every process."""
    counters.bump(CONTENT)


def bump_on_save(sender: type, instance: Any, **kwargs: Any) -> None:
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
