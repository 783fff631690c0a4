"""What the API benchmark asks: the GraphQL queries and the paths that carry them.

`DISPLAY` is the benchmark's own light display query; `display_js_path` is the query a hallway display really
sends, built by `buildQuery` in displays/static/displays/display.js itself (run with node), with the variables it
sends beside it, so the figure follows the display as it changes.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY_JS = ROOT / "displays" / "static" / "displays" / "display.js"
AT = "2023-02-15T12:00:00"  # a month whose story, award and upcoming stories the demo has

DISPLAY = """{ display(at: "2023-02-15T12:00:00", upcomingLimit: 3) {
  validUntil story { publicUrl qrCodeSvg poster1080p { url width height alt }
    story { title themeHeadline studentNames summary monthLabel programs school { shortName } } }
  award { recipient { name kindLabel photo { alt } } }
  upcoming { title themeHeadline monthLabel premiereAt posterImage { alt } } } }"""
LISTING = """{ stories(limit: 20) { id title monthLabel premiereAt themeHeadline studentNames summary
  posterImage { alt rendition(fill: "1920x1080") { url } } } }"""
SEARCH = """{ search(query: "Leila") { ... on StoryPage { title monthLabel posterImage { alt } } } }"""
DEEP = """{ stories(limit: 20, offset: %d) { id title monthLabel premiereAt posterImage { alt } } }"""
API_V2 = (
    "/api/v2/pages/?type=stories.StoryPage&locale=en&limit=20&order=-month"
    "&fields=month,premiere_at,theme_headline,student_names,summary,poster_1080p"
)
API_V2_NAME = "Wagtail API v2 listing"


def graphql(query: str, variables: dict[str, str] | None = None) -> str:
    params = {"query": query, **({"variables": json.dumps(variables)} if variables is not None else {})}
    return "/graphql/?" + urllib.parse.urlencode(params)


def display_js_query(locales: list[str]) -> str:
    """The query display.js builds for a screen showing `locales`: its own `buildQuery`, run by node."""
    source = DISPLAY_JS.read_text()
    found = re.search(r"^  function buildQuery\(\) \{$.*?^  \}$", source, re.MULTILINE | re.DOTALL)
    if found is None:
        raise SystemExit(f"no buildQuery() in {DISPLAY_JS}")
    script = f"var config = {json.dumps({'locales': locales})};\n{found.group(0)}\nprocess.stdout.write(buildQuery());"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=False)
    if result.returncode != 0 or "fragment" not in result.stdout:
        raise SystemExit(f"display.js's buildQuery() did not run under node:\n{result.stderr[-2000:]}")
    return result.stdout


def display_js_path(locales: tuple[str, ...] = ("en",)) -> str:
    """The GET display.js sends for a district screen (no school) in `locales` (one: a screen set up by URL,
    whose language defaults to the district's), at the benchmark's instant, as `requestUrl` builds it."""
    variables = {"at": AT, **{f"l{i}": code for i, code in enumerate(locales)}}
    return graphql(display_js_query(list(locales)), variables)


def scale_paths(stories: int, display_js: str) -> dict[str, str]:
    """The reads timed at both sizes of site (`display_js`: `display_js_path()`, built once)."""
    return {
        "listing": graphql(LISTING),
        "display": graphql(DISPLAY),
        "display.js": display_js,
        "search": graphql(SEARCH),
        "page at 90%": graphql(DEEP % (stories * 9 // 10)),
    }
