"""A story's "Before premiere" preview: the teaser exactly as families see it until the premiere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse

from cms.preview import PREVIEW_MODE_ATTR

if TYPE_CHECKING:  # checked as the Wagtail page it is mixed into
    from wagtail.models import Page as _MixedInto
else:
    _MixedInto = object

BEFORE_PREMIERE = "before_premiere"


class BeforePremierePreviewMixin(_MixedInto):
    """Beside the normal preview (the story as it will be once it premieres, full text and video) and the
    frontend's, a "Before premiere" mode: upcoming, its body and video kept back, whatever its premiere date."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        modes = list(super().preview_modes)
        return [modes[0], (BEFORE_PREMIERE, "Before premiere"), *modes[1:]]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name == BEFORE_PREMIERE:
            setattr(self, PREVIEW_MODE_ATTR, BEFORE_PREMIERE)
            return super().serve_preview(request, self.default_preview_mode)
        return super().serve_preview(request, mode_name)

    @property
    def previewed_before_premiere(self) -> bool:
        return getattr(self, PREVIEW_MODE_ATTR, "") == BEFORE_PREMIERE
