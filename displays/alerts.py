"""Which emergency alerts are in force for a scope (the district, a school, one screen), in which words, and
when that answer next changes; saving or clearing an alert tells the screens and the GraphQL cache at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cms.graphql.response_cache import content_changed
from cms.i18n import default_language_code
from displays.models import Alert, AlertText, Display
from displays.models.alerts import Scope, Severity
from displays.pulse import bump_alerts

SEVERITY_RANK = {Severity.EXTREME: 0, Severity.SEVERE: 1, Severity.ADVISORY: 2, Severity.INFO: 3}


@dataclass(frozen=True)
class Words:
    """An alert's words in one asked language; `is_fallback` when English stands in for it."""

    language: str
    title: str
    message: str
    is_fallback: bool


def _not_over(at: datetime.datetime) -> Q:
    return (Q(ends_at__isnull=True) | Q(ends_at__gt=at)) & (Q(cleared_at__isnull=True) | Q(cleared_at__gt=at))


def _scoped(school_id: int | None = None, display: Display | None = None) -> QuerySet[Alert]:
    """Alerts meant for a scope, whatever their times: district-wide always; a school's; a screen's own."""
    scope = Q(scope=Scope.DISTRICT)
    if display is not None:
        school_id = display.school_id
        scope |= Q(scope=Scope.DISPLAYS, displays=display)
    if school_id is not None:
        scope |= Q(scope=Scope.SCHOOLS, schools__id=school_id)
    return Alert.objects.filter(scope).distinct().prefetch_related("texts", "schools", "displays")


def _sorted(alerts: list[Alert]) -> list[Alert]:
    alerts.sort(key=lambda alert: alert.starts_at, reverse=True)
    alerts.sort(key=lambda alert: SEVERITY_RANK.get(alert.severity, 9))
    return alerts


def alerts_for(
    school_id: int | None = None, display: Display | None = None, at: datetime.datetime | None = None
) -> tuple[list[Alert], datetime.datetime | None]:
    """The alerts in force at `at` for the scope, most severe first then newest, and the next instant at which
    that list changes (an upcoming start, or an end), or None. One query for the alerts, prefetches for the rest."""
    at = at or timezone.now()
    candidates = list(_scoped(school_id, display).filter(_not_over(at)))
    active = [alert for alert in candidates if alert.starts_at <= at]
    instants = [alert.starts_at for alert in candidates if alert.starts_at > at]
    instants += [alert.ends_at for alert in candidates if alert.ends_at]
    return _sorted(active), min(instants, default=None)


def next_change(now: datetime.datetime) -> list[datetime.datetime]:
    """Every future start and end among alerts not yet over: when a cached GraphQL answer must stop."""
    rows = Alert.objects.filter(_not_over(now)).values_list("starts_at", "ends_at")
    return [instant for pair in rows for instant in pair if instant and instant > now]


def words(alert: Alert, language: str) -> Words:
    """The alert's words in `language`, or its English ones (marked as a fallback), or its first ones."""
    texts: list[AlertText] = list(alert.texts.all())
    by_language = {text.language: text for text in texts}
    chosen = by_language.get(language)
    if chosen is not None:
        return Words(language, chosen.title, chosen.message, False)
    fallback = by_language.get(default_language_code()) or (texts[0] if texts else None)
    if fallback is None:
        return Words(language, "", "", True)
    return Words(fallback.language, fallback.title, fallback.message, True)


def alert_json(alert: Alert, languages: list[str]) -> dict[str, Any]:
    """One alert as the screens' endpoint gives it: one text per asked language."""
    return {
        "id": str(alert.pk),
        "severity": alert.severity,
        "startsAt": alert.starts_at.isoformat(),
        "endsAt": alert.ends_at.isoformat() if alert.ends_at else None,
        "texts": [
            {"language": lang, "title": w.title, "message": w.message, "isFallback": w.is_fallback}
            for lang in languages
            for w in [words(alert, lang)]
        ],
    }


def clear(alert: Alert, user: Any = None) -> None:
    """All clear: the alert ends now; the screens hear of it at their next pulse."""
    from wagtail.log_actions import log

    alert.cleared_at = timezone.now()
    alert.cleared_by = user if getattr(user, "is_authenticated", False) else None
    alert.save(update_fields=["cleared_at", "cleared_by"])
    log(instance=alert, action="displays.alert.all_clear", user=alert.cleared_by)


def announce(**kwargs: Any) -> None:
    """An alert or its words changed: cached GraphQL answers go stale and the pulse's alerts number moves."""
    content_changed()
    bump_alerts()


for _model in (Alert, AlertText):
    post_save.connect(announce, sender=_model, dispatch_uid=f"displays-alerts-save-{_model.__name__}")
    post_delete.connect(announce, sender=_model, dispatch_uid=f"displays-alerts-delete-{_model.__name__}")
