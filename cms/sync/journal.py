"""Keeping the journal true: what is public now is compared with the journal, and each difference is written
with a new change number.

Numbers are taken from the `SyncState` row while holding its lock until the transaction commits, so
changes commit in the order of their numbers: a client that synced in between never skips one.
A comparison runs for the pages and snippets a publish, unpublish, move, delete or restriction touches
(in the same transaction), and for everything on every worker tick, which also catches what changes by
time alone (an expiry) and anything a signal could not see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.utils import timezone
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from cms.generation import content_changed
from cms.i18n import locale_table
from cms.sync.models import SyncEntry, SyncState
from cms.visibility import live_snippets, public_pages

Key = tuple[str, int]


@dataclass(frozen=True)
class Seen:
    """An item as the public sees it now."""

    type_name: str
    is_page: bool
    locale: str
    fingerprint: str


def label(model: type[Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def lock_state() -> SyncState:
    """The counter row, locked until the current transaction ends."""
    state = SyncState.objects.select_for_update().filter(pk=1).first()
    return state or SyncState.objects.create(pk=1)


def _public_pages(ids: Iterable[int] | None) -> dict[Key, Seen]:
    pages = public_pages(Page.objects.all())
    if ids is not None:
        pages = pages.filter(pk__in=list(ids))
    codes = locale_table()
    seen: dict[Key, Seen] = {}
    rows = pages.values_list("pk", "content_type_id", "locale_id", "url_path", "live_revision_id")
    for pk, content_type_id, locale_id, url_path, revision in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            seen[(label(model), pk)] = Seen(model.__name__, True, codes.code_of(locale_id), f"{revision}|{url_path}")
    return seen


def _live_snippets(model: type[Model], ids: Iterable[int] | None) -> dict[Key, Seen]:
    snippets = live_snippets(model._default_manager.all())
    if ids is not None:
        snippets = snippets.filter(pk__in=list(ids))
    names = {field.attname for field in model._meta.concrete_fields}
    columns = ["pk"] + [name for name in ("locale_id", "live_revision_id") if name in names]
    codes = locale_table()
    seen: dict[Key, Seen] = {}
    for row in snippets.values(*columns):
        locale = codes.code_of(row["locale_id"]) if "locale_id" in row else ""
        seen[(label(model), row["pk"])] = Seen(model.__name__, False, locale, str(row.get("live_revision_id") or ""))
    return seen


def sync_pages(ids: Iterable[int] | None = None, touched: Iterable[int] = ()) -> int:
    """Bring the journal in step for these pages (all when None); `touched` changed with no new revision."""
    ids = None if ids is None else set(ids)
    with transaction.atomic():
        state = lock_state()
        rows = SyncEntry.objects.filter(is_page=True)
        if ids is not None:
            rows = rows.filter(object_id__in=ids)
        seen = _public_pages(ids)
        return _write(state, seen, rows, {key for key in seen if key[1] in set(touched)})


def sync_snippets(model: type[Model] | None = None, ids: Iterable[int] | None = None, touched: bool = False) -> int:
    """Bring the journal in step for these snippets (every snippet model when `model` is None); `touched`:
    they changed with nothing that marks it (a snippet without revisions saved)."""
    ids = None if ids is None else set(ids)
    written = 0
    with transaction.atomic():
        state = lock_state()
        for each in [model] if model is not None else get_snippet_models():
            rows = SyncEntry.objects.filter(model=label(each))
            if ids is not None:
                rows = rows.filter(object_id__in=ids)
            seen = _live_snippets(each, ids)
            written += _write(state, seen, rows, set(seen) if touched else set())
    return written


def sync_everything() -> int:
    return sync_pages() + sync_snippets()


def touch(objects: Iterable[Model]) -> int:
    """Content that changed by time alone (a story premiering): a new change number if it is public."""
    written = 0
    for obj in objects:
        if isinstance(obj, Page):
            written += sync_pages([obj.pk], touched=[obj.pk])
        elif type(obj) in get_snippet_models():
            written += sync_snippets(type(obj), [obj.pk], touched=True)
    return written


def _write(state: SyncState, seen: dict[Key, Seen], rows: QuerySet, touched: set[Key]) -> int:
    now = timezone.now()
    existing = {(row.model, row.object_id): row for row in rows}
    created: list[SyncEntry] = []
    changed: list[SyncEntry] = []
    for key, item in seen.items():
        row = existing.get(key)
        if row is None:
            state.counter += 1
            created.append(
                SyncEntry(
                    model=key[0],
                    object_id=key[1],
                    type_name=item.type_name,
                    is_page=item.is_page,
                    locale=item.locale,
                    fingerprint=item.fingerprint,
                    seq=state.counter,
                    created_seq=state.counter,
                    changed_at=now,
                )
            )
        elif not row.public or (row.fingerprint, row.locale) != (item.fingerprint, item.locale) or key in touched:
            state.counter += 1
            if not row.public:
                row.created_seq = state.counter
            row.public, row.fingerprint, row.locale, row.seq, row.changed_at = (
                True, item.fingerprint, item.locale, state.counter, now
            )  # fmt: skip
            changed.append(row)
    for key, row in existing.items():
        if key not in seen and row.public:
            state.counter += 1
            row.public, row.seq, row.changed_at = False, state.counter, now
            changed.append(row)
    if created:
        SyncEntry.objects.bulk_create(created)
    if changed:
        fields = ["public", "fingerprint", "locale", "seq", "created_seq", "changed_at"]
        SyncEntry.objects.bulk_update(changed, fields)
    if created or changed:
        state.save(update_fields=["counter"])
        # A cached `changes` answer must not outlive the change, on every process: the worker's own repairs
        # (an expiry, a premiere) too.
        content_changed()
    return len(created) + len(changed)


def purge(now: datetime.datetime | None = None) -> int:
    """Forget removals older than SYNC_RETENTION_DAYS; a token from before them must start over."""
    before = (now or timezone.now()) - datetime.timedelta(days=settings.SYNC_RETENTION_DAYS)
    with transaction.atomic():
        state = lock_state()
        old = SyncEntry.objects.filter(public=False, changed_at__lt=before)
        last = old.aggregate(last=Max("seq"))["last"]
        if last is None:
            return 0
        deleted, _ = old.delete()
        state.purged_through = max(state.purged_through, last)
        state.save(update_fields=["purged_through"])
    return deleted
