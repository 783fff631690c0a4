"""Leases on queued rows (email, webhook deliveries): several app servers and workers can send at once and
each row goes out once. A candidate is locked with SKIP LOCKED where the database has it, then claimed with
a compare-and-set on `locked_until`; a sender that dies leaves a lease that runs out, and the row is tried
again.

Rows are claimed one at a time, each for a short lease (a minute), so a sender that dies holds back only the
row it was sending, and only until that lease runs out; while a send runs, its lease is renewed, so a slow
receiver never has its row claimed and sent a second time by another sender."""

from __future__ import annotations

import datetime
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger("cms.leases")


def take_leases(due: QuerySet, *, seconds: float, ids: list[int] | None = None, limit: int = 100) -> list[int]:
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


@contextmanager
def renewed(rows: QuerySet, *, seconds: float) -> Iterator[None]:
    """Keep the lease on `rows` (the one being sent) from running out while the block runs: renewed every third
    of the lease on a thread of its own while the row is still leased, and no more once the block ends, so the
    sender's own update of the row (sent, or due again later, with no lease) is never overwritten."""
    done = threading.Event()

    def renew() -> None:
        try:
            while not done.wait(seconds / 3):
                lease = timezone.now() + datetime.timedelta(seconds=seconds)
                rows.filter(locked_until__isnull=False).update(locked_until=lease)
        except Exception:  # the send goes on; at worst its row is claimed again once the lease runs out
            logger.warning("Renewing a lease failed", exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections only

    keeper = threading.Thread(target=renew, name="lease-keeper", daemon=True)
    keeper.start()
    try:
        yield
    finally:
        done.set()
        keeper.join()


def until_idle(send_batch: Callable[[], Counter], keys: tuple[str, ...], success: str) -> dict[str, int]:
    """Send batch after batch until one sends nothing (what failed waits for its retry); the totals by key."""
    totals = dict.fromkeys(keys, 0)
    while batch := send_batch():
        for key, count in batch.items():
            totals[key] += count
        if not batch[success]:
            break
    return totals
