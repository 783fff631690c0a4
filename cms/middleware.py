"""Request and response handling the whole site shares."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re


class LanguageFromPathOnly:
    """A page's language comes from its URL (/es/...), never from the browser's Accept-Language.

    Django's LocaleMiddleware still adds `Vary: Accept-Language` to every unprefixed response (the API's
    among them), which would make shared caches and CDNs keep a copy per browser language list for
    answers that are the same for everyone. Placed before LocaleMiddleware, this takes it out again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Vary"):
            kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
