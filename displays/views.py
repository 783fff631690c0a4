"""The school display page: a full-screen page any school opens on a hallway screen or kiosk."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms.i18n import content_language_codes, default_language_code, supported_language
from displays.version import script_version

SLUG = re.compile(r"^[-a-z0-9_]{1,120}$")
MAX_LOCALES = 4
# Any of these in the query string configures the page by URL (previews, hand-set screens); without them
# the page is a fleet screen that pairs itself and takes its settings from the CMS.
URL_MODE_PARAMETERS = ("school", "locale", "at", "rotate", "poll")


def _bounded_int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high) if value else default
    except ValueError:
        return default


def display_locales(value: str | None) -> list[str]:
    """The content languages a display rotates through, from ?locale=es or ?locale=en,es (at most four)."""
    chosen: list[str] = []
    for part in (value or "").split(","):
        language = supported_language(part)
        if language is not None and language not in chosen:
            chosen.append(language)
    return chosen[:MAX_LOCALES] or [default_language_code()]


def display_strings(language: str) -> dict[str, str]:
    """The display's own words in one language (the content comes from the API)."""
    with translation.override(language):
        return {
            "campaign": gettext("Better Together"),
            "award": gettext("Shining Star Community Partner Award"),
            "next": gettext("Coming next"),
            "scan": gettext("Scan to watch the full story"),
            "qrLabel": gettext("QR code linking to the full story"),
            "premiere": gettext("Video premiere {date}"),
            "premiereUnknown": gettext("Premiere date to be announced"),
            "offline": gettext("Offline: showing saved content"),
            "unavailable": gettext("Content unavailable"),
            "unavailableHelp": gettext("This screen will update by itself when the connection returns."),
            "display": gettext("School display"),
            "pairTitle": gettext("Pair this screen"),
            "pairHelp": gettext("In the CMS admin, open Displays › Screens › Pair a screen and type this code."),
            "pairExpires": gettext("A new code appears by itself when this one expires."),
            "pairWaiting": gettext("Asking for a pairing code…"),
            "identify": gettext("This screen"),
            "alert": gettext("Alert"),
            "severity_extreme": gettext("Extreme emergency"),
            "severity_severe": gettext("Emergency"),
            "severity_advisory": gettext("Advisory"),
            "severity_info": gettext("Information"),
        }


@require_GET
def display(request: HttpRequest) -> HttpResponse:
    """Configured by URL: ?school=<slug>&locale=<code>[,<code>…]&rotate=<seconds>&poll=<seconds>&at=<ISO instant>.

    Without any of those, a fleet screen: it pairs itself and hears its school and languages from the CMS,
    so it carries its words in every content language."""
    mode = "url" if any(name in request.GET for name in URL_MODE_PARAMETERS) else "fleet"
    locales = display_locales(request.GET.get("locale"))
    school = request.GET.get("school", "")
    languages = locales if mode == "url" else list(dict.fromkeys([*locales, *content_language_codes()]))
    strings = {language: display_strings(language) for language in languages}
    context = {
        "mode": mode,
        "script_version": script_version(),
        "lang": locales[0],
        "locales": ",".join(locales),
        "strings": strings,
        "first": strings[locales[0]],
        "school": school if SLUG.match(school) else "",
        "rotate_seconds": _bounded_int(request.GET.get("rotate"), 20, 3, 600),
        "poll_seconds": _bounded_int(request.GET.get("poll"), 60, 1, 3600),
        "at": request.GET.get("at", "")[:40],
        "endpoint": reverse("graphql"),
        # Premiere dates are written in the district's time zone, whatever the screen's own clock says.
        "time_zone": settings.TIME_ZONE,
        "pulse_seconds": getattr(settings, "DISPLAY_PULSE_SECONDS", 5),
    }
    response = render(request, "displays/display.html", context)
    response["Cache-Control"] = "no-cache"
    return response


SHELL_ASSETS = (
    "displays/display.js",
    "displays/fleet.js",
    "displays/alerts.js",
    "displays/offline.js",
    "displays/display.css",
)


def _asset_urls() -> list[str]:
    """The static URLs the worker keeps for the page; a file that is missing (or not collected) is left out."""
    urls = []
    for name in SHELL_ASSETS:
        try:
            urls.append(static(name))
        except ValueError:  # a manifest storage that has never seen the file
            continue
    return urls


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The display's service worker, carrying the script version so a new release installs a new worker."""
    found = finders.find("displays/sw.js")
    assert isinstance(found, str)  # the app's own static file
    with open(found, encoding="utf-8") as file:
        text = file.read()
    text = (
        text.replace("__VERSION__", script_version())
        .replace("__ASSETS__", json.dumps(_asset_urls()))
        .replace("__STATIC_URL__", json.dumps(settings.STATIC_URL or ""))
    )
    response = HttpResponse(text, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/display/"
    response["Cache-Control"] = "no-cache"
    return response
