"""When public answers change with no edit at all: a story premieres, a scheduled page or snippet goes live or
expires (the worker applies it), or a month ends. No cached answer, site page or kept fact outlives the next
such instant."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from wagtail import hooks
from wagtail.models import DraftStateMixin, Page, Revision

from cms.dates import month_of, month_start, next_month
from cms.generation import current as generation


def schedule_boundaries(now: datetime.datetime) -> list[datetime.datetime]:
    """The next scheduled go-live (a page's or a snippet's revision) and the next expiry of a live page or snippet
    after `now`: an expired one leaves public reads at that instant."""
    from wagtail.snippets.models import get_snippet_models

    go_live = (
        Revision.objects.filter(approved_go_live_at__gt=now)
        .order_by("approved_go_live_at")
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    live = [Page.objects.live()]
    live += [
        model._default_manager.filter(live=True) for model in get_snippet_models() if issubclass(model, DraftStateMixin)
    ]
    expiries = [rows.filter(expire_at__gt=now).order_by().values_list("expire_at", flat=True) for rows in live]
    expiry = next(iter(expiries[0].union(*expiries[1:]).order_by("expire_at")[:1]), None)  # one query for all
    return [instant for instant in (go_live, expiry) if instant is not None]


def next_boundary(now: datetime.datetime) -> datetime.datetime:
    """The next instant an answer may change with no edit: a schedule, an app's own (a premiere), a new month."""
    key = f"graphql:boundary:{generation()}"
    cached = cache.get(key)
    if cached is not None and cached > now:
        return cached
    instants = [month_start(next_month(month_of(now)))]
    instants += schedule_boundaries(now)
    for boundaries in hooks.get_hooks("graphql_answer_boundaries"):
        instants += [instant for instant in boundaries(now) if instant is not None and instant > now]
    boundary = min(instants)
    cache.set(key, boundary, timeout=max(int((boundary - now).total_seconds()), 1))
    return boundary
