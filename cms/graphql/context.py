"""What every resolver gets as `info.context`: one typed object per request, made by `get_context()`.

It holds the request and everything a request learns once and reads many times. grapple and Wagtail read
`info.context` as the request itself (its host, user, site), so attributes the context does not define are
read from the request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class GraphQLContext:
    """The request being answered, and what resolvers share while answering it."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def __getattr__(self, name: str) -> Any:
        # Only called for names the context does not have: the request's own (META, user, get_host, ...).
        return getattr(self.request, name)


def build_context(request: HttpRequest) -> GraphQLContext:
    return GraphQLContext(request)
