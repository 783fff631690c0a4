"""How an error reads in an answer: a code for every error, and the server's own faults masked."""

from __future__ import annotations

import logging
import re
from typing import Any

from graphql import GraphQLError

from cms.errors import ErrorCode

logger = logging.getLogger("cms.graphql")

# What graphql-core says when a resolver's answer does not fit the schema (a value its scalar cannot write, a
# null on a non-null field, an object of no type the union or interface offers): the server's fault, never the
# client's, though it comes as a GraphQLError on a path like a resolver's refusal in words.
SERVER_COMPLETION_ERROR = re.compile(
    r"cannot represent (non-\w+ )?value|^Cannot return null for non-nullable field|^Abstract type .* must resolve"
    r"|^Expected Iterable, but did not find one|is not a possible type for|^Expected value of type '.*' but got",
)


def format_error(error: Exception, request_id: str) -> dict[str, Any]:
    """The error as the answer's `errors` lists it; a server fault is logged and named by the request id only."""
    formatted: dict[str, Any] = dict(error.formatted) if isinstance(error, GraphQLError) else {"message": str(error)}
    original = getattr(error, "original_error", None)
    server_fault = original is not None and not isinstance(original, GraphQLError)
    path = formatted.get("path")
    if server_fault or (path and SERVER_COMPLETION_ERROR.search(formatted.get("message", ""))):
        logger.error(
            "GraphQL resolver failed (request %s): %s", request_id, formatted.get("message"), exc_info=original
        )
        where = ".".join(str(part) for part in path or [])
        formatted["message"] = f"Internal error while resolving '{where}'. Request id: {request_id}."
        formatted["extensions"] = {"code": str(ErrorCode.INTERNAL_SERVER_ERROR), "requestId": request_id}
        return formatted
    if (formatted.get("extensions") or {}).get("code"):
        return formatted
    # The project's own raises carry a code; these fallbacks name what graphql-core, graphene and grapple raise
    # without one, the way Apollo Server names them.
    if path:
        code = ErrorCode.BAD_USER_INPUT  # a resolver refused what the client asked for, in words
    elif isinstance(error, GraphQLError) and error.message.startswith("Syntax Error"):
        code = ErrorCode.GRAPHQL_PARSE_FAILED
    else:
        code = ErrorCode.GRAPHQL_VALIDATION_FAILED  # a document refused before it ran
    formatted.setdefault("extensions", {})["code"] = str(code)
    return formatted
