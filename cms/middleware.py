"""Request and response handling the whole site shares."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose pages take their language from the URL only (/es/...).

    With the default language unprefixed, Django already picks the language from the path alone, never from
    the browser's Accept-Language; but its response handling still adds `Vary: Accept-Language` to every
    unprefixed response (the API's among them), which would make shared caches and CDNs keep a copy per
    browser language list for answers that are the same for everyone. Its only other response work, a
    redirect to a prefixed URL, applies only when the default language has a prefix.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
