"""Headers every answer carries: the Content-Security-Policy (django-csp, with more allowed where a path needs
it) and the Permissions-Policy. The policies themselves are settings (config/settings/security.py)."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with CSP_PATH_DIRECTIVES' directives in place of the base ones under their path."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        for prefix, directives in settings.CSP_PATH_DIRECTIVES.items():
            if request.path_info.startswith(prefix):
                parts.replace = {**directives, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Adds PERMISSIONS_POLICY to every answer that has none of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
