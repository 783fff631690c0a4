"""The school display page: a full-screen page any school opens on a hallway screen or kiosk."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
SLUG = re.compile(r"^[-a-z0-9_]{1,120}$")


def _bounded_int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high) if value else default
    except ValueError:
        return default


@require_GET
def display(request: HttpRequest) -> HttpResponse:
    """Configured by URL: ?school=<slug>&locale=<lang>&rotate=<seconds>&poll=<seconds>&at=<ISO instant>."""
    locale = request.GET.get("locale", "en")
    school = request.GET.get("school", "")
    context = {
        "lang": locale if LANGUAGE_TAG.match(locale) else "en",
        "school": school if SLUG.match(school) else "",
        "rotate_seconds": _bounded_int(request.GET.get("rotate"), 20, 3, 600),
        "poll_seconds": _bounded_int(request.GET.get("poll"), 60, 1, 3600),
        "at": request.GET.get("at", "")[:40],
        "endpoint": reverse("graphql"),
    }
    response = render(request, "cms/display.html", context)
    response["Cache-Control"] = "no-cache"
    return response
