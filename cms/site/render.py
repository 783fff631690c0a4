"""Asking the API for a page's content in-process, and answering the browser with the rendered page.

A page type names its query file (`site_query`) and its template (`site_template`). The file holds one
operation that finds the page by `urlPath` and spreads the shared fragments of queries/frame.graphql; a
preview sends the same operation with `page(token: $token)` in place of `page(urlPath: $urlPath)`.
The rendered page is kept like an API answer: under the content generation, for as long as the answer it
was made from, with an ETag, so a CDN can keep it until an edit or a premiere changes it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from cms.graphql import pipeline, response_cache
from cms.graphql.http import JSON, shared_or_not_modified
from cms.preview import make_token
from cms.site import languages
from cms.site.meta import page_meta

FRAME = Path(__file__).with_name("queries") / "frame.graphql"
# What the in-process request keeps of the browser's: the address it came to (the site, absolute URLs).
KEPT_META = ("SERVER_NAME", "SERVER_PORT", "HTTP_HOST", "REMOTE_ADDR", "wsgi.url_scheme")
URL_PATH_VARIABLE = "$urlPath: String!"
URL_PATH_ARGUMENT = "page(urlPath: $urlPath"
S_MAXAGE = re.compile(r"s-maxage=(\d+)")


@functools.cache
def site_document(path: str) -> str:
    """A page type's query file (relative to the project), with the shared fragments it spreads appended."""
    text = (Path(settings.BASE_DIR) / path).read_text()
    if text.count(URL_PATH_VARIABLE) != 1 or text.count(URL_PATH_ARGUMENT) != 1:
        raise ValueError(f"{path} must declare {URL_PATH_VARIABLE} once and ask for {URL_PATH_ARGUMENT}...) once.")
    return f"{text.rstrip()}\n\n{FRAME.read_text().rstrip()}\n"


def preview_document(document: str) -> str:
    """The same operation finding the page by a preview token instead of its path."""
    return document.replace(URL_PATH_VARIABLE, "$token: String!").replace(URL_PATH_ARGUMENT, "page(token: $token")


@dataclass(frozen=True)
class Answer:
    """What the API answered: its data, its errors' messages and codes, and how long it may be kept."""

    data: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)
    public_seconds: int = 0
    keys: tuple[str, ...] = ()


def ask(request: HttpRequest, query: str, variables: dict[str, Any]) -> Answer:
    """Run a query through the API's own request pipeline, as an anonymous GET to /graphql/ from this browser's
    address: the same limits, cached answers and public-only rules as any frontend meets."""
    inner = HttpRequest()
    inner.method = "GET"
    inner.path = inner.path_info = "/graphql/"
    inner.META = {name: request.META[name] for name in KEPT_META if name in request.META}
    inner.META["HTTP_ACCEPT"] = JSON
    inner.META["HTTP_X_REQUEST_ID"] = pipeline.request_id_of(request)
    inner.GET = QueryDict(mutable=True)
    inner.GET.update({"query": query, "variables": json.dumps(variables)})
    inner.user = AnonymousUser()
    response = pipeline.answer(inner)
    body = json.loads(response.content)
    seconds = S_MAXAGE.search(response.get("Cache-Control", ""))
    keys = tuple(response.get("Surrogate-Key", "").split())
    return Answer(body.get("data") or {}, body.get("errors") or [], int(seconds[1]) if seconds else 0, keys)


def page_key(request: HttpRequest, language: str) -> str:
    return response_cache.answer_key(request.get_host(), "text/html", request.path, {"language": language}, "site")


def serve_site_page(page: Any, request: HttpRequest, *, admin_preview: bool = False) -> HttpResponse:
    """The page for a browser: from the kept copy while the content is unchanged, else asked for and rendered.
    `admin_preview`: the page is the editor's unsaved form, shown through a preview token."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    token = make_token(page, unsaved=True, same_process=True) if admin_preview else request.GET.get("preview_token")
    language = page.locale.language_code
    if token:
        return _respond(request, _render(page, request, {"token": token, "locale": language}, preview=True))
    # The language of the address (/vi/…): a page with no translation in it is its source, shown in it.
    language = languages.visitor_language(language, translation.get_language())
    # Only the bare address is kept: anything in the query string could change what the page shows.
    key = None if request.GET or settings.GRAPHQL_CACHE_SECONDS <= 0 else page_key(request, language)
    variables = {"urlPath": _url_path(page, request), "locale": language}
    rendered = response_cache.cache_aside(key, lambda _: _render(page, request, variables, preview=False))
    if isinstance(rendered, response_cache.Hit):
        rendered = Rendered(
            rendered.body.decode(), 200, rendered.public_seconds, etag=rendered.etag, keys=rendered.keys
        )
    return _respond(request, rendered)


def _url_path(page: Any, request: HttpRequest) -> str:
    parts = page.get_url_parts(request)
    return parts[2] if parts else page.url_path


@dataclass(frozen=True)
class Rendered:
    html: str
    status: int
    public_seconds: int
    preview: bool = False
    etag: str = ""
    keys: tuple[str, ...] = ()
    language: str = ""

    @property
    def body(self) -> bytes:
        return self.html.encode()


def _render(page: Any, request: HttpRequest, variables: dict[str, Any], *, preview: bool) -> Rendered:
    document = site_document(page.site_query)
    answer = ask(request, preview_document(document) if preview else document, variables)
    language = variables["locale"]
    with translation.override(language):
        return _render_answer(page, request, answer, language, preview=preview)


def _render_answer(page: Any, request: HttpRequest, answer: Answer, language: str, *, preview: bool) -> Rendered:
    content = answer.data.get("page")
    context = {
        "page": content,
        "data": answer.data,
        "chrome": chrome(answer.data),
        "meta": page_meta(content),
        "language": language,
        "languages": languages.switcher(content or {}, answer.data.get("locales") or [], language),
        "preview": preview,
        "preview_fallback_reason": getattr(request, "preview_fallback_reason", ""),
        "problems": [error.get("message", "") for error in answer.errors],
        **page.site_context(request),
    }
    if content is None:
        status = 400 if answer.errors and preview else 404
        html = render_to_string("cms/site/unavailable.html", context, request=request)
        return Rendered(html, status, 0, preview, language=language)
    html = render_to_string(page.site_template, context, request=request)
    seconds = 0 if preview or answer.errors else answer.public_seconds
    etag = f'"{hashlib.sha256(html.encode()).hexdigest()[:32]}"'
    return Rendered(html, 200, seconds, preview, etag, answer.keys, language)


def chrome(data: dict[str, Any]) -> dict[str, Any]:
    """What every page shows around its content: the district, the sections, alerts in force."""
    district: dict[str, Any] = next((item for item in data.get("settings") or [] if "districtName" in item), {})
    home = data.get("home") or {}
    return {"district": district, "home": home, "sections": home.get("sections") or [], "alerts": data.get("alerts")}


def _respond(request: HttpRequest, rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.html, status=rendered.status, content_type="text/html; charset=utf-8")
    response["Content-Language"] = rendered.language or translation.get_language()
    if rendered.preview or rendered.status != 200:
        response["Cache-Control"] = "private, no-store"
        return response
    return shared_or_not_modified(
        request, response, rendered.public_seconds, rendered.etag, rendered.keys, carried=("Content-Language",)
    )
