"""Which emergency alerts are in force for a scope (the district, a school, one screen), in which words, and
when that answer next changes; saving or clearing an alert tells the screens and the GraphQL cache at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from cms.i18n import default_language_code
from cms.webhooks.events import emit_about
from cms.webhooks.models import EventType
from displays.models import Alert, AlertText
from displays.models.alerts import Scope, Severity
from displays.pulse import bump_alerts, pulse_numbers

SEVERITY_RANK: dict[str, int] = {Severity.EXTREME: 0, Severity.SEVERE: 1, Severity.ADVISORY: 2, Severity.INFO: 3}


SNAPSHOT_SECONDS = 3600


@dataclass(frozen=True)
class Words:
    """An alert's words in one asked language; `is_fallback` when English stands in for it."""

    language: str
    title: str
    message: str
    is_fallback: bool


@dataclass(frozen=True)
class Entry:
    """An alert not yet over, as screens need it: kept in the cache, so a fleet asking at once reads no row."""

    id: int
    severity: str
    scope: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    over_at: datetime.datetime | None  # its end or its all-clear, whichever comes first
    schools: tuple[str, ...]  # slugs, for scope SCHOOLS
    displays: tuple[int, ...]  # ids, for scope DISPLAYS
    texts: dict[str, tuple[str, str]]  # language -> (title, message), in the order they were written

    def is_for(self, school: str | None, display_id: int | None) -> bool:
        """District-wide alerts are for everyone; a school's for its screens and pages; a screen's for it alone."""
        if self.scope == Scope.DISTRICT:
            return True
        if self.scope == Scope.SCHOOLS:
            return school is not None and school in self.schools
        return display_id is not None and display_id in self.displays

    def in_force(self, at: datetime.datetime) -> bool:
        return self.starts_at <= at and (self.over_at is None or at < self.over_at)


def _not_over(at: datetime.datetime) -> Q:
    return (Q(ends_at__isnull=True) | Q(ends_at__gt=at)) & (Q(cleared_at__isnull=True) | Q(cleared_at__gt=at))


def _entry(alert: Alert) -> Entry:
    over = [instant for instant in (alert.ends_at, alert.cleared_at) if instant is not None]
    return Entry(
        id=alert.pk,
        severity=alert.severity,
        scope=alert.scope,
        starts_at=alert.starts_at,
        ends_at=alert.ends_at,
        over_at=min(over, default=None),
        schools=tuple(school.slug for school in alert.schools.all()),
        displays=tuple(display.pk for display in alert.displays.all()),
        texts={text.language: (text.title, text.message) for text in alert.texts.all()},
    )


def entries(*, fresh: bool = False) -> list[Entry]:
    """Every alert not yet over, read once per change: the snapshot is kept under the pulse's alerts number,
    which every save and all-clear moves, so all screens asking after an alert share one database read.
    `fresh`: under the number as the database has it now (see `alerts_for`)."""
    key = f"displays:alerts:{pulse_numbers(fresh=fresh)['alerts']}"
    found = cache.get(key)
    if found is None:
        alerts = Alert.objects.filter(_not_over(timezone.now())).prefetch_related("texts", "schools", "displays")
        found = [_entry(alert) for alert in alerts]
        cache.set(key, found, timeout=SNAPSHOT_SECONDS)
    return found


def alerts_for(
    school: str | None = None,
    display_id: int | None = None,
    at: datetime.datetime | None = None,
    *,
    fresh: bool = False,
) -> tuple[list[Entry], datetime.datetime | None]:
    """The alerts in force at `at` for a school (by slug) and/or one screen, most severe first then newest, and
    the next instant at which that list changes (an upcoming start, or an end), or None. `fresh` for a screen: it
    asks because it heard the alerts number move, perhaps from another app server, so this one must not answer
    from the number it read a moment before the change."""
    at = at or timezone.now()
    mine = [entry for entry in entries(fresh=fresh) if entry.is_for(school, display_id) and (entry.over_at or at) >= at]
    active = [entry for entry in mine if entry.in_force(at)]
    instants = [entry.starts_at for entry in mine if entry.starts_at > at]
    instants += [entry.over_at for entry in mine if entry.over_at and entry.over_at > at]
    active.sort(key=lambda entry: entry.starts_at, reverse=True)
    active.sort(key=lambda entry: SEVERITY_RANK.get(entry.severity, 9))
    return active, min(instants, default=None)


def next_change(now: datetime.datetime) -> list[datetime.datetime]:
    """Every future start and end among alerts not yet over: when a cached GraphQL answer must stop."""
    return [instant for entry in entries() for instant in (entry.starts_at, entry.over_at) if instant and instant > now]


def words(entry: Entry, language: str) -> Words:
    """The alert's words in `language`, or its English ones (marked as a fallback), or its first ones."""
    chosen = entry.texts.get(language)
    if chosen is not None:
        return Words(language, *chosen, False)
    fallback_language = default_language_code() if default_language_code() in entry.texts else None
    fallback_language = fallback_language or next(iter(entry.texts), None)
    if fallback_language is None:
        return Words(language, "", "", True)
    return Words(fallback_language, *entry.texts[fallback_language], True)


def alert_json(entry: Entry, languages: list[str]) -> dict[str, Any]:
    """One alert as the screens' endpoint gives it: one text per asked language."""
    return {
        "id": str(entry.id),
        "severity": entry.severity,
        "startsAt": entry.starts_at.isoformat(),
        "endsAt": entry.ends_at.isoformat() if entry.ends_at else None,
        "texts": [
            {"language": lang, "title": w.title, "message": w.message, "isFallback": w.is_fallback}
            for lang in languages
            for w in [words(entry, lang)]
        ],
    }


ISSUE_ACTION = "displays.alert.issue"
ALL_CLEAR_ACTION = "displays.alert.all_clear"


def state(alert: Alert, at: datetime.datetime | None = None) -> str:
    """ "cleared", "ended", "scheduled" or "in force", for the admin's listing."""
    at = at or timezone.now()
    if alert.cleared_at is not None and alert.cleared_at <= at:
        return "cleared"
    if alert.ends_at is not None and alert.ends_at <= at:
        return "ended"
    if alert.starts_at > at:
        return "scheduled"
    return "in force"


def log_issue(alert: Alert, user: Any = None, source_name: str | None = None) -> None:
    """Record in Wagtail's audit log who issued the alert (a person, or a CAP sender by name)."""
    from wagtail.log_actions import log

    log(instance=alert, action=ISSUE_ACTION, user=user, data={"source": source_name} if source_name else None)
    if alert.is_active() and is_public(alert):  # one starting later is told of when it starts (wagtail_hooks)
        emit_about(EventType.ALERT_ISSUED, alert)


def is_public(alert: Alert) -> bool:
    """Alerts for the district or schools show on websites and apps (`alerts`), so webhooks tell of them; one for
    chosen screens shows on those screens alone, and no outside endpoint hears of it."""
    return alert.scope != Scope.DISPLAYS


def clear(alert: Alert, user: Any = None, *, source_name: str | None = None) -> Alert:
    """All clear: end the alert now, say who ended it, and log it. Clearing a cleared alert changes nothing."""
    from wagtail.log_actions import log

    if alert.cleared_at is not None:
        return alert
    alert.cleared_at = timezone.now()
    alert.cleared_by = user if getattr(user, "pk", None) else None
    alert.save(update_fields=["cleared_at", "cleared_by"])
    data = {"source": source_name} if source_name else None
    log(instance=alert, action=ALL_CLEAR_ACTION, user=alert.cleared_by, data=data)
    if is_public(alert):
        emit_about(EventType.ALERT_ENDED, alert)
    return alert


def announce(**kwargs: Any) -> None:
    """An alert or its words changed: the pulse's alerts number moves in the same transaction, so every screen,
    alerts snapshot and cached answer keyed by it sees the change the moment it commits, and never before (a
    screen that asked at once reads the alerts without it, under the old number). Cached GraphQL answers are
    told through the content generation, which includes the alerts' counter."""
    if str(kwargs.get("action", "post_")).startswith("pre_"):
        return  # a choice of schools or screens is announced once made (m2m_changed's post_ actions)
    bump_alerts()


for _model in (Alert, AlertText):
    post_save.connect(announce, sender=_model, dispatch_uid=f"displays-alerts-save-{_model.__name__}")
    post_delete.connect(announce, sender=_model, dispatch_uid=f"displays-alerts-delete-{_model.__name__}")
# Choosing an alert's schools or screens saves no Alert row: it is announced too.
for _relation in (Alert.schools.through, Alert.displays.through):
    m2m_changed.connect(announce, sender=_relation, dispatch_uid=f"displays-alerts-{_relation.__name__}")
