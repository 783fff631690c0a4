"""Previews in the real frontend: a signed token for one draft of a page, valid for a limited time.

An editor's preview (Wagtail's "Frontend" preview mode) sends the frontend the page's path with a
`preview_token`; the frontend asks `page(token: …)` for the draft. The token is signed with the
site's secret key, names the page and what is previewed (a saved revision, or the editor's unsaved
form kept in the shared cache), and expires after PREVIEW_TOKEN_SECONDS (an hour by default). A
previewed page shows everything it will show once live (an upcoming story's full text and video too)
and says so (`isPreview`); answers to token queries are never cached.

When no frontend is configured, or the one configured does not answer the preview's address quickly,
the "Frontend" mode shows the project's own rendering of the draft instead, with a note saying why.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Protocol
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from graphql import GraphQLError
from wagtail.models import Page, Revision

from cms.errors import ErrorCode, user_error
from cms.memo import remembered
from cms.visibility import answering_reads

SALT = "cms.preview"
DRAFT_KEY = "preview:draft:{}"
PROBE_KEY = "preview:frontend-answers:{}"
PROBE_TIMEOUT_SECONDS = 2.0
PROBE_CACHE_SECONDS = 30
# Set on a page made from a token (and, by the GraphQL view, on the request whose answer showed one).
PREVIEW_ATTR = "is_preview_draft"
# The preview mode a page was opened in when the page type has modes of its own (`make_token` carries it).
PREVIEW_MODE_ATTR = "previewed_in_mode"


class DraftViewer(Protocol):
    """What asks for a previewed draft: the GraphQL context, whose answer then shows a draft."""

    shows_draft: bool


def drafts_reach_every_process() -> bool:
    """Whether an unsaved draft kept in the cache can be read by whichever app process answers the frontend:
    a shared cache (Redis), or the in-process one of a single-process development server."""
    return settings.DEBUG or not isinstance(caches["default"], LocMemCache)


def make_token(page: Page, *, unsaved: bool = False, same_process: bool = False) -> str:
    """A token for the page's latest revision, or (`unsaved`) for the page exactly as the editor's form has it
    (its latest revision where the cache is not shared between app processes, unless the token is read
    `same_process`, as by the project's own rendering of the preview)."""
    # A preview mode of the page's own (PREVIEW_MODE_ATTR, e.g. a story "before premiere") travels with the token.
    mode = {"mode": mode} if (mode := getattr(page, PREVIEW_MODE_ATTR, "")) else {}
    if page.pk is None or (unsaved and (same_process or drafts_reach_every_process())):
        # A page not saved yet has nothing else to show: its form, kept like an unsaved draft.
        key = uuid.uuid4().hex
        cache.set(DRAFT_KEY.format(key), page.serializable_data(), timeout=settings.PREVIEW_TOKEN_SECONDS)
        claims = {"page": page.pk, "draft": key, "type": ContentType.objects.get_for_model(page).pk, **mode}
        return signing.dumps(claims, salt=SALT, compress=True)
    # Never a revision of what the editor's form holds (a preview saves nothing): the stored page's own.
    revision = page.latest_revision or Page.objects.get(pk=page.pk).specific.save_revision()
    return signing.dumps({"page": page.pk, "revision": revision.pk, **mode}, salt=SALT, compress=True)


def _expired() -> GraphQLError:
    return user_error(
        "This preview token has expired; open the preview again in the admin.", ErrorCode.PREVIEW_TOKEN_EXPIRED
    )


def _previewed_object(claims: dict[str, Any]) -> Page:
    if claims.get("draft"):
        content = cache.get(DRAFT_KEY.format(claims["draft"]))
        if content is not None and claims.get("page") is None and claims.get("type"):
            model: type[Page] | None = ContentType.objects.get_for_id(claims["type"]).model_class()
            if model is None:  # the page type is gone
                raise _expired()
            page = model.from_serializable_data(content, check_fks=False, strict_fks=False)
            page.preview_marker = f"draft-{claims['draft'][:12]}"
            return page
        page = Page.objects.filter(pk=claims.get("page")).first()
        if content is None or page is None:
            raise _expired()
        page = page.specific.with_content_json(content)
        # Like a saved revision's below: the unsaved draft's ids name it alone, never the live page.
        page.preview_marker = f"draft-{claims['draft'][:12]}"
        return page
    revision = Revision.page_revisions.filter(pk=claims.get("revision"), object_id=str(claims.get("page"))).first()
    if revision is None:
        raise user_error("The previewed revision no longer exists.", ErrorCode.PREVIEW_TOKEN_INVALID)
    page = revision.as_object()
    # The draft's `id` (and its blocks') must never name the live page's answer in a client's cache.
    page.preview_marker = f"rev{revision.pk}"
    return page


def page_from_token(token: str, viewer: DraftViewer | None = None) -> Page:
    """The page as its previewed draft has it, marked as a preview; a GraphQLError naming the problem otherwise."""
    try:
        claims = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired:
        raise _expired() from None
    except signing.BadSignature:
        raise user_error("This preview token is not valid.", ErrorCode.PREVIEW_TOKEN_INVALID) from None
    if not isinstance(claims, dict):
        raise user_error("This preview token is not valid.", ErrorCode.PREVIEW_TOKEN_INVALID)
    page = _previewed_object(claims)
    setattr(page, PREVIEW_ATTR, True)
    if isinstance(claims.get("mode"), str):
        setattr(page, PREVIEW_MODE_ATTR, claims["mode"])
    if viewer is not None:
        viewer.shows_draft = True
    return page


def is_preview(obj: object) -> bool:
    """Whether a page, a GraphQL context or a request shows a token preview of a draft rather than what the
    public sees."""
    return bool(getattr(obj, "shows_draft", False) or getattr(obj, PREVIEW_ATTR, False))


def frontend_answers(base: str, url: str) -> bool:
    """Whether the frontend answers a preview address (any success or redirect) within a short timeout.

    The verdict is kept briefly per frontend, so an editor's live preview, which reloads on every change,
    asks it at most every PROBE_CACHE_SECONDS.
    """
    if not url.startswith(("http://", "https://")):
        return False
    key = PROBE_KEY.format(base)
    verdict = cache.get(key)
    if verdict is None:
        probe = Request(url, headers={"User-Agent": "btcms-preview-check"})  # noqa: S310 (http(s) only, above)
        try:
            with urlopen(probe, timeout=PROBE_TIMEOUT_SECONDS):  # noqa: S310 (http(s) only, above)
                verdict = True
        except HTTPError as error:
            verdict = error.code < 400
        except (URLError, OSError, ValueError):
            verdict = False
        cache.set(key, verdict, timeout=PROBE_CACHE_SECONDS)
    return verdict


def reachable_frontend(request: HttpRequest) -> str:
    """The district's frontend (its base URL, no trailing slash) when one is set and answers; "" otherwise, and
    then this site's own pages are where QR codes and links lead."""
    from cms.models import DistrictSettings

    def read() -> str:
        return DistrictSettings.for_request(request).frontend_base_url.rstrip("/")

    reads = answering_reads()
    base = read() if reads is None else remembered(("frontend-base-url", request.get_host()), read, reads.generation)
    return base if base and frontend_answers(base, f"{base}/") else ""


if TYPE_CHECKING:  # checked as the Wagtail page it is mixed into
    from wagtail.models import Page as _MixedInto
else:
    _MixedInto = object


class FrontendPreviewMixin(_MixedInto):
    """Adds a "Frontend" preview mode: the district's frontend renders the draft, through a token."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [*super().preview_modes, ("frontend", "Frontend")]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name != "frontend":
            return super().serve_preview(request, mode_name)
        from cms.models import DistrictSettings

        base = DistrictSettings.for_request(request).frontend_base_url.rstrip("/")
        if base and self.pk is None:
            # A note for the page's template, kept on the request (read with getattr); Django's stubs
            # allow no attribute of a request's own.
            request.preview_fallback_reason = (  # type: ignore[attr-defined]
                "This page is not saved yet, so this is the CMS's own rendering of it; save a draft to preview it "
                "in the frontend."
            )
        elif base:
            parts = self.get_url_parts(request)
            path = parts[2] if parts else self.url_path
            address = f"{base}{path}?{urlencode({'preview_token': make_token(self, unsaved=True)})}"
            if frontend_answers(base, address):
                return HttpResponseRedirect(address)
            request.preview_fallback_reason = (  # type: ignore[attr-defined]
                f"The frontend at {base} did not answer, so this is the CMS's own rendering of the draft."
            )
        else:
            request.preview_fallback_reason = (  # type: ignore[attr-defined]
                "No frontend is set (Settings → District settings → Frontend base URL), so this is the CMS's own "
                "rendering of the draft."
            )
        return self.serve_preview(request, self.default_preview_mode)
