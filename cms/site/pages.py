"""The public site's side of a page type: which query file and template render it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:  # checked as the Wagtail page it is mixed into
    from wagtail.models import Page as _MixedInto
else:
    _MixedInto = object


class SitePageMixin(_MixedInto):
    """A page the public site renders from its own GraphQL query (`site_query`, a path from the project's root)
    with its `site_template`; `site_context` adds what is not content (say, a form script's words)."""

    site_query: str = ""
    site_template: str = ""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # GET and HEAD only: a cross-site HTML form post is never accepted (Wagtail's form pages would take one).
        from cms.site.render import serve_site_page  # the API's schema is built from the models

        return serve_site_page(self, request)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """The admin's preview panel: the editor's form as it stands, rendered as the public site would show it
        once published, through a preview token like any frontend's preview ("frontend" mode is the
        district's own frontend, where one answers)."""
        if mode_name == "frontend":
            return super().serve_preview(request, mode_name)
        from cms.site.render import serve_site_page

        return serve_site_page(self, request, admin_preview=True)

    def site_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}
