"""What makes an event: Wagtail's publishing signals for pages and snippets, and the worker for what changes
by time alone (a scheduled go-live or expiry, a premiere, the month turning). Only public content is told
of: a page published below a hidden page, or unpublished while private, makes no event."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

from cms import surrogate_keys
from cms.dates import month_key, month_of, month_start, next_month
from cms.sync.journal import touch
from cms.timed import changes_between
from cms.visibility import in_hidden_branch, is_live_snippet, is_public_page
from cms.webhooks.events import describe, emit, emit_about, public_path
from cms.webhooks.models import EventType, WebhookClock

# Set while the worker applies scheduled go-lives and expiries: their events say so.
_scheduled = contextvars.ContextVar("webhooks_scheduled", default=False)
# The longest stretch of time one tick looks back over (after the worker was stopped for days).
LOOK_BACK = datetime.timedelta(days=7)


@contextlib.contextmanager
def scheduled_changes() -> Iterator[None]:
    token = _scheduled.set(True)
    try:
        yield
    finally:
        _scheduled.reset(token)


def _was_public(page: Page) -> bool:
    """Whether a page just unpublished was public a moment ago: not restricted, below no hidden page. False
    for a page being deleted (Wagtail unpublishes it in memory first, with no save): deleting tells of itself."""
    withdrawn = Page.objects.filter(pk=page.pk, live=False)
    return withdrawn.public().exclude(in_hidden_branch()).exists()


def on_page_published(sender: type, instance: Page, **kwargs: Any) -> None:
    if is_public_page(instance):
        emit_about(EventType.SCHEDULE_WENT_LIVE if _scheduled.get() else EventType.PAGE_PUBLISHED, instance)


def on_page_unpublished(sender: type, instance: Page, **kwargs: Any) -> None:
    if _was_public(instance):
        emit_about(EventType.SCHEDULE_EXPIRED if _scheduled.get() else EventType.PAGE_UNPUBLISHED, instance)


def on_page_moved(
    sender: type, instance: Page, url_path_before: str = "", url_path_after: str = "", **kwargs: Any
) -> None:
    page = instance.specific_deferred
    if not is_public_page(page):
        return
    item = describe(page) | {"previousUrlPath": public_path(url_path_before)}
    page_type = f"{page._meta.app_label}.{page._meta.model_name}"
    emit(
        EventType.PAGE_MOVED,
        [item],
        keys=surrogate_keys.change_keys(page),
        locale=item.get("locale", ""),
        page_type=page_type,
    )


def on_page_deleted(sender: type, instance: Model, **kwargs: Any) -> None:
    # Deleting a page deletes its row and its specific type's row: it is told of once, as its specific type.
    if isinstance(instance, Page) and instance.specific_class in (None, type(instance)) and is_public_page(instance):
        emit_about(EventType.PAGE_DELETED, instance)


def on_snippet_saved(sender: type, instance: Model, **kwargs: Any) -> None:
    # Snippets with drafts tell of publishing instead: saving a draft changes nothing the public sees.
    if sender in _snippet_models() and not isinstance(instance, DraftStateMixin):
        emit_about(EventType.SNIPPET_SAVED, instance)


def on_snippet_published(sender: type, instance: Model, **kwargs: Any) -> None:
    if sender in _snippet_models() and is_live_snippet(instance):
        emit_about(EventType.SNIPPET_SAVED, instance)


def on_snippet_unpublished(sender: type, instance: Model, **kwargs: Any) -> None:
    if sender in _snippet_models():
        emit_about(EventType.SNIPPET_DELETED, instance)


def on_snippet_deleted(sender: type, instance: Model, **kwargs: Any) -> None:
    if sender in _snippet_models() and is_live_snippet(instance):
        emit_about(EventType.SNIPPET_DELETED, instance)


def _snippet_models() -> tuple[type[Model], ...]:
    return tuple(get_snippet_models())


def emit_timed_events(now: datetime.datetime | None = None) -> int:
    """The worker's duty: events for what changed by time alone since it last looked (a premiere, an alert
    starting or ending, a new month), and a new change number in delta sync for the content among it. A row
    lock on the clock makes each fire once among several workers."""
    now = now or timezone.now()
    fired = 0
    with transaction.atomic():
        clock, created = WebhookClock.objects.select_for_update().get_or_create(
            name="timed", defaults={"checked_until": now}
        )
        since = max(clock.checked_until, now - LOOK_BACK)
        if created or now <= since:
            return 0
        for change in changes_between(since, now):
            touch(change.objects)  # delta sync hears of it too
            for obj in change.objects:
                if not isinstance(obj, Page) or is_public_page(obj):
                    fired += emit_about(change.type, obj) is not None
        month = next_month(month_of(since))
        while month_start(month) <= now:
            # A new month changes what every display and listing answers (story and award of the month).
            turned = [{"type": "Month", "id": month_key(month)}]
            fired += emit(EventType.MONTH_TURNED, turned, keys=[surrogate_keys.ALL]) is not None
            month = next_month(month)
        clock.checked_until = now
        clock.save(update_fields=["checked_until"])
    return fired
