"""Template filters for the public site, which renders GraphQL answers (plain dicts and ISO strings)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cms.site import languages

register = template.Library()


@register.filter
def lang_attr(item: dict[str, Any] | None, language: str) -> SafeString:
    """` lang="en"` on an element whose content came in another language than the page around it (English
    standing in for a missing translation), so screen readers pronounce it right; nothing otherwise."""
    return languages.lang_attributes((item or {}).get("locale") or "", language)


@register.filter
def default_lang_attr(language: str) -> SafeString:
    """` lang="en"` where the text is always in the default language (an image's alt text, a school's name, the
    district's name: they have no translations), on a page in another language; nothing otherwise."""
    return languages.lang_attributes(languages.default_language(), language)


@register.filter
def lang_text(item: dict[str, Any] | None, text: str) -> SafeString:
    """`text` from `item`, in a span marked with the item's language: for content set inside a sentence of the
    interface (`{% blocktranslate with title=award|lang_text:award.title %}`). The page's language is the active
    one; in it, the text is only escaped."""
    from django.utils.translation import get_language

    attributes = languages.lang_attributes((item or {}).get("locale") or "", get_language() or "")
    if not attributes:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", attributes, text)


@register.filter
def in_language(url: str | None, language: str) -> str:
    """A page's address on this site under the visitor's language prefix (/vi/better-together/ for the English
    page standing in for a missing translation), so the visitor stays in their language from link to link."""
    return languages.url_in_language(url or "", language)


@register.filter
def links_in_language(html: str | None, language: str) -> SafeString:
    """Rich text from the API with its links to this site's pages under the visitor's language prefix."""
    return mark_safe(languages.links_in_language(html or "", language))  # noqa: S308 - the API's sanitized HTML


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
