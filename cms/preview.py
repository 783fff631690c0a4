"""Previews in the real frontend: a signed token for one revision of a page, valid for a limited time.

An editor's preview (Wagtail's "Frontend" preview mode) sends the frontend the page's path with a
`preview_token`; the frontend asks `page(token: …)` for the draft. The token is signed with the
site's secret key, names the page and revision, and expires after PREVIEW_TOKEN_SECONDS (an hour by
default). Answers to token queries are never cached.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from graphql import GraphQLError
from wagtail.models import Page, Revision

SALT = "cms.preview"


def make_token(page: Page) -> str:
    revision = page.latest_revision or page.save_revision()
    return signing.dumps({"page": page.pk, "revision": revision.pk}, salt=SALT, compress=True)


def page_from_token(token: str) -> Page:
    """The page as its previewed revision has it; a GraphQLError naming the problem otherwise."""
    try:
        claims = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired:
        raise GraphQLError(
            "This preview token has expired; open the preview again in the admin.",
            extensions={"code": "PREVIEW_TOKEN_EXPIRED"},
        ) from None
    except signing.BadSignature:
        raise GraphQLError("This preview token is not valid.", extensions={"code": "PREVIEW_TOKEN_INVALID"}) from None
    revision = Revision.page_revisions.filter(pk=claims.get("revision"), object_id=str(claims.get("page"))).first()
    if revision is None:
        raise GraphQLError("The previewed revision no longer exists.", extensions={"code": "PREVIEW_TOKEN_INVALID"})
    page = revision.as_object()
    # The draft's `id` (and its blocks') must never name the live page's answer in a client's cache.
    page.preview_revision_id = revision.pk
    return page


class FrontendPreviewMixin:
    """Adds a "Frontend" preview mode: the district's frontend renders the draft, through a token."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [*super().preview_modes, ("frontend", "Frontend")]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name != "frontend":
            return super().serve_preview(request, mode_name)
        from cms.models import DistrictSettings

        token = make_token(self)
        base = DistrictSettings.for_request(request).frontend_base_url
        path = self.get_url_parts(request)[2] if self.get_url_parts(request) else self.url_path
        if base:
            return HttpResponseRedirect(f"{base.rstrip('/')}{path}?{urlencode({'preview_token': token})}")
        context = {"page": self, "token": token, "minutes": settings.PREVIEW_TOKEN_SECONDS // 60}
        return TemplateResponse(request, "cms/preview_token.html", context)
