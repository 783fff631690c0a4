"""Leases on queued rows (email, webhook deliveries): several app servers and workers can send at once and
each row goes out once. A candidate is locked with SKIP LOCKED where the database has it, then claimed with
a compare-and-set on `locked_until`; a sender that dies leaves a lease that runs out, and the row is tried
again."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone


def take_leases(due: QuerySet, *, seconds: int, ids: list[int] | None = None, limit: int = 100) -> list[int]:
    """Claim up to `limit` rows of `due` (only `ids`, when given) for `seconds`; returns the pks claimed."""
    if ids is not None:
        due = due.filter(pk__in=ids)
    lease = timezone.now() + datetime.timedelta(seconds=seconds)
    with transaction.atomic():
        candidates = list(
            due.select_for_update(skip_locked=True, of=("self",))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        return [pk for pk in candidates if due.filter(pk=pk).update(locked_until=lease)]


def until_idle(send_batch: Callable[[], Counter], keys: tuple[str, ...], success: str) -> dict[str, int]:
    """Send batch after batch until one sends nothing (what failed waits for its retry); the totals by key."""
    totals = dict.fromkeys(keys, 0)
    while batch := send_batch():
        for key, count in batch.items():
            totals[key] += count
        if not batch[success]:
            break
    return totals
