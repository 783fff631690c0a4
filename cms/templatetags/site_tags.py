"""Template filters for the public site, which renders GraphQL answers (plain dicts and ISO strings)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.filter
def lang_attr(item: dict[str, Any] | None, language: str) -> SafeString:
    """` lang="en"` on an element whose content came in another language than the page around it (English
    standing in for a missing translation), so screen readers pronounce it right; nothing otherwise."""
    code = (item or {}).get("locale") or ""
    if not code or code.lower() == (language or "").lower():
        return SafeString("")
    return format_html(' lang="{}"', code)


@register.filter
def instant(value: str | None) -> datetime.datetime | None:
    """An ISO date-time from the API, in the district's time zone, for Django's `date` filter."""
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed


@register.filter
def month_date(value: str | None) -> datetime.date | None:
    """A month from the API ('2023-03') as its first day, for Django's `date` filter ('F': the month's name)."""
    try:
        year, month = (int(part) for part in (value or "").split("-")[:2])
        return datetime.date(year, month, 1)
    except ValueError:
        return None


@register.filter
def severity_label(severity: str) -> str:
    """An alert's severity in words, in the page's language (colour is never the only sign)."""
    labels = {
        "EXTREME": gettext("Emergency"),
        "SEVERE": gettext("Warning"),
        "ADVISORY": gettext("Advisory"),
        "INFO": gettext("Notice"),
    }
    return labels.get((severity or "").upper(), severity)


@register.filter
def typename(item: dict[str, Any] | None) -> str:
    return (item or {}).get("__typename", "")
