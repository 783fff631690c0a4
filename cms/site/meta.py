"""What a page tells search engines, link previews and feed readers: its absolute address, its description,
its image and its other languages.

Every absolute URL starts from the site's configured address (`WAGTAILADMIN_BASE_URL`, the public address
behind the balancer), never from the host a request happened to name: a kept page, an email or a feed
carries the same links whoever asked first.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import to_locale
from wagtail.models import Page

from cms.i18n import default_language_code

DESCRIPTION_WORDS = 40
# Fields a page type describes itself with, in order, when an editor wrote no search description.
DESCRIBING = ("searchDescription", "summary", "intro", "definition", "purpose", "themeHeadline")
# Fields holding a page's own picture, with the size of the rendition its query asks for.
PICTURES = ("posterImage", "bannerImage")
# og:locale wants language_TERRITORY: where each content language's families would set their devices.
OG_LOCALES = {
    "en": "en_US",
    "es": "es_US",
    "vi": "vi_VN",
    "ru": "ru_RU",
    "uk": "uk_UA",
    "km": "km_KH",
    "so": "so_SO",
    "ko": "ko_KR",
    "zh-hans": "zh_CN",
    "sm": "sm_WS",
}


def site_origin() -> str:
    """The site's public address, scheme and host, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url: str | None) -> str:
    """A URL the API or Django gave (a path, or already absolute for another site) as an absolute one."""
    if not url:
        return ""
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        return url
    return site_origin() + ("" if url.startswith("/") else "/") + url


def page_address(page: Page) -> str | None:
    """A Wagtail page's absolute address on the public site (None when it is routed to no site)."""
    parts = page.get_url_parts()
    return absolute(parts[2]) if parts else None


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code.lower()) or to_locale(code)


def describe(content: dict[str, Any]) -> str:
    """One or two plain sentences for a search result or a link preview."""
    for name in DESCRIBING:
        text = " ".join(strip_tags(str(content.get(name) or "")).split())
        if text:
            return Truncator(text).words(DESCRIPTION_WORDS)
    return ""


def picture(content: dict[str, Any]) -> dict[str, Any] | None:
    for name in PICTURES:
        image = content.get(name) or {}
        rendition = image.get("rendition") or {}
        if rendition.get("url"):
            return {
                "url": absolute(rendition["url"]),
                "width": rendition.get("width"),
                "height": rendition.get("height"),
                "alt": image.get("alt") or "",
            }
    return None


def page_meta(content: dict[str, Any] | None) -> dict[str, Any]:
    """The <head> of a page the API answered: canonical address, description, image, languages."""
    if not content:
        return {}
    default = default_language_code()
    own = (content.get("locale") or default).lower()
    versions = [
        {"code": version["code"], "href": absolute(version.get("url"))}
        for version in content.get("availableLocales") or []
        if version.get("url")
    ]
    canonical = next((v["href"] for v in versions if v["code"].lower() == own), "") or absolute(content.get("url"))
    if not canonical:
        canonical = absolute(content.get("urlPath"))
    x_default = next((v["href"] for v in versions if v["code"].lower() == default.lower()), "")
    return {
        "title": content.get("seoTitle") or content.get("title") or "",
        "canonical": canonical,
        "description": describe(content),
        "image": picture(content),
        "alternates": versions,
        "x_default": x_default,
        "og_locale": og_locale(own),
        "og_alternates": [og_locale(v["code"]) for v in versions if v["code"].lower() != own],
        "feed": absolute(reverse("stories-feed", kwargs={"language": own})),
    }
