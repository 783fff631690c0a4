"""The visitor's language on the public site: which one a page is shown in, marking what is in another, the
language switcher, and keeping links under the visitor's language prefix.

Every content language is served under its prefix (/vi/, /zh-hans/…). Where a page has no translation in it,
Wagtail routes the address to the page in its source language, and the site asks the API for it in the
visitor's language: the API answers with the source as a fallback (`locale: "en"`), while the page's own
words (navigation, headings, labels) are the visitor's. Each piece of fallback text is marked with its `lang`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info

from cms import i18n

# Addresses on this site that are not pages: never under a language prefix.
NOT_PAGES = ("/static/", "/media/", "/documents/", "/graphql/", "/admin/", "/display/")
HREF = re.compile(r'(<a\b[^>]*?\bhref=")(/[^"]*)(")', re.IGNORECASE)


def default_language() -> str:
    return i18n.default_language_code()


def visitor_language(page_language: str, active: str | None) -> str:
    """The language the address asked for (Django activated it from the prefix), else the page's own."""
    return i18n.supported_language(active) or page_language


def _bidi(code: str) -> bool:
    try:
        return bool(get_language_info(code)["bidi"])
    except KeyError:
        return False


def lang_attributes(code: str, page_language: str) -> SafeString:
    """` lang="…"` (and `dir` when the direction changes) for text in `code` on a page in `page_language`;
    nothing when they are the same."""
    if not code or code.lower() == (page_language or "").lower():
        return SafeString("")
    if _bidi(code) != _bidi(page_language or default_language()):
        return format_html(' lang="{}" dir="{}"', code, "rtl" if _bidi(code) else "ltr")
    return format_html(' lang="{}"', code)


def _split_prefix(path: str) -> tuple[str | None, str]:
    """('vi', '/better-together/') for '/vi/better-together/'; (None, path) when it has no language prefix."""
    first, _, rest = path.lstrip("/").partition("/")
    if first and first in i18n.content_language_codes():
        return first, f"/{rest}"
    return None, path


def url_in_language(url: str, language: str) -> str:
    """A page's address on this site under `language`'s prefix (none for the default language). Addresses
    elsewhere, of files, or already under a language's prefix are kept as they are."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(NOT_PAGES):
        return url
    prefix, path = _split_prefix(parts.path)
    if prefix is not None or language == default_language() or language not in i18n.content_language_codes():
        return url
    return urlunsplit(parts._replace(path=f"/{language}{path}"))


def links_in_language(html: str, language: str) -> str:
    """Rich text's links to this site's pages, under `language`'s prefix."""
    if language == default_language():
        return html
    return HREF.sub(lambda match: f"{match[1]}{url_in_language(match[2], language)}{match[3]}", html)


def switcher(page: dict[str, Any], locales: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """Every content language, in its own name, with the page's address in it: its translation where one is
    published, else the page the visitor is reading (its source, as a fallback) under that language's prefix."""
    published = {version["code"]: version["url"] for version in page.get("availableLocales") or []}
    shown = published.get(page.get("locale") or "") or page.get("urlPath") or "/"
    _, source_path = _split_prefix(urlsplit(shown).path)
    entries = []
    for locale in locales:
        code = locale["code"]
        url = published.get(code) or url_in_language(source_path, code)
        entries.append({"code": code, "name": locale["nativeName"], "url": url, "current": code == language})
    return entries
