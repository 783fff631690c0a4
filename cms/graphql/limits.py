"""Limits on what one client may ask of the API: aliases, one mutation per request, per-client rates (depth and
cost: cms.graphql.shape_limits)."""

from __future__ import annotations

import ipaddress
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django_ratelimit.core import get_usage
from graphql import (
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    ValidationRule,
    parse,
)

from cms.errors import ErrorCode, user_error

if TYPE_CHECKING:
    from cms.graphql.context import GraphQLContext  # stands in for its request


def client_ip(request: HttpRequest) -> str:
    """The address a request came from; behind TRUSTED_PROXY_COUNT proxies, the one they were sent by."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            try:
                return str(ipaddress.ip_address(forwarded[-hops]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (an address, not a bind)


@dataclass(frozen=True)
class RateLimited:
    """A refusal: how long until the client may try again."""

    retry_after_seconds: int

    @property
    def message(self) -> str:
        if self.retry_after_seconds <= 60:
            return gettext("Too many requests from your network. Please wait a minute and try again.")
        minutes = math.ceil(self.retry_after_seconds / 60)
        return ngettext(
            "Too many requests from your network. Please wait %(minutes)d minute and try again.",
            "Too many requests from your network. Please wait %(minutes)d minutes and try again.",
            minutes,
        ) % {"minutes": minutes}


def spend(request: HttpRequest | GraphQLContext, group: str, rate: str) -> RateLimited | None:
    """Count one use of `group` by this client; a RateLimited when it is over `rate` (e.g. "5/10m")."""
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return RateLimited(max(int(usage["time_left"]), 1))


def spend_or_raise(request: HttpRequest | GraphQLContext, group: str, rate: str) -> None:
    refused = spend(request, group, rate)
    if refused is not None:
        raise user_error(refused.message, ErrorCode.RATE_LIMITED, retryAfterSeconds=refused.retry_after_seconds)


class OneMutationFieldRule(ValidationRule):
    """A mutation request runs exactly one root field, so aliases cannot multiply one request's effect."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args) -> None:
        if node.operation != OperationType.MUTATION:
            return
        selections = node.selection_set.selections
        if len(selections) != 1 or not isinstance(selections[0], FieldNode):
            self.report_error(
                GraphQLError(
                    "A mutation request may run one root field only: send each submission as its own request.",
                    node,
                    extensions={"code": str(ErrorCode.ONE_MUTATION_PER_REQUEST)},
                )
            )


def is_mutation_body(body: bytes) -> bool:
    """Whether a JSON body holds only mutation operations (which may be larger, for attachments)."""
    try:
        document = parse(json.loads(body)["query"])
    except Exception:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(op.operation == OperationType.MUTATION for op in operations)


class AliasLimitRule(ValidationRule):
    """At most GRAPHQL_MAX_ALIASES aliases in a document: aliases repeat work without making a query longer."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.count = 0

    def enter_field(self, node: FieldNode, *_args) -> None:
        if node.alias is not None:
            self.count += 1

    def leave_document(self, node, *_args) -> None:
        limit = settings.GRAPHQL_MAX_ALIASES
        if self.count > limit:
            self.report_error(
                GraphQLError(
                    f"The query uses {self.count} aliases; the limit (GRAPHQL_MAX_ALIASES) is {limit}.",
                    extensions={"code": str(ErrorCode.TOO_MANY_ALIASES), "limit": limit, "found": self.count},
                )
            )
