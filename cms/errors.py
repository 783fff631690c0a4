"""The error codes every GraphQL answer and form error can carry, in one place.

Clients branch on `extensions.code` (and intake forms on `errors { code }`), so a code is part of the API:
add one here, never spell one out where it is raised.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError


class ErrorCode(StrEnum):
    # Transport: the request itself was refused before any GraphQL ran.
    BAD_REQUEST = "BAD_REQUEST"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    BODY_TOO_LARGE = "BODY_TOO_LARGE"
    RATE_LIMITED = "RATE_LIMITED"
    # The document: refused before it ran.
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    ONE_MUTATION_PER_REQUEST = "ONE_MUTATION_PER_REQUEST"
    # Automatic persisted queries.
    BAD_EXTENSIONS = "BAD_EXTENSIONS"
    PERSISTED_QUERY_INVALID = "PERSISTED_QUERY_INVALID"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    # Previews.
    PREVIEW_TOKEN_INVALID = "PREVIEW_TOKEN_INVALID"  # noqa: S105 (a code, not a secret)
    PREVIEW_TOKEN_EXPIRED = "PREVIEW_TOKEN_EXPIRED"  # noqa: S105 (a code, not a secret)
    SYNC_TOKEN_INVALID = "SYNC_TOKEN_INVALID"  # noqa: S105 (a code, not a secret)
    SYNC_TOKEN_EXPIRED = "SYNC_TOKEN_EXPIRED"  # noqa: S105 (a code, not a secret)
    # A resolver refused an argument, or a form a field: the client's to fix.
    BAD_USER_INPUT = "BAD_USER_INPUT"
    # Intake forms: why a field, or the whole submission, was refused (more precisely than BAD_USER_INPUT).
    REQUIRED = "REQUIRED"
    INVALID_CHOICE = "INVALID_CHOICE"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    TOO_LARGE = "TOO_LARGE"
    INVALID_FILE = "INVALID_FILE"
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    DEADLINE_TOO_SOON = "DEADLINE_TOO_SOON"
    FORM_UNAVAILABLE = "FORM_UNAVAILABLE"
    # The server's fault; the answer carries a request id to find it in the logs.
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def user_error(message: str, code: ErrorCode = ErrorCode.BAD_USER_INPUT, **extensions: Any) -> GraphQLError:
    """A GraphQLError for something the client asked that cannot be answered, with its code."""
    return GraphQLError(message, extensions={"code": str(code), **extensions})
