"""The display script's version: a digest of the files a screen runs, so a screen (and its service worker)
notices a new release by itself."""

from __future__ import annotations

import functools
import hashlib

from django.contrib.staticfiles import finders

SCREEN_FILES = (
    "displays/display.js",
    "displays/fleet.js",
    "displays/alerts.js",
    "displays/offline.js",
    "displays/display.css",
    "displays/sw.js",
)


@functools.cache
def script_version() -> str:
    digest = hashlib.sha256()
    for name in SCREEN_FILES:
        path = finders.find(name)
        if path:
            with open(path, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()[:12]
