"""Query documents parsed and validated once (the spec's rules and the project's limits), then reused."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from graphql import DocumentNode, GraphQLError, parse, specified_rules, validate
from graphql.validation import NoSchemaIntrospectionCustomRule
from grapple.schema import schema

from cms.graphql.limits import AliasLimitRule, OneMutationFieldRule
from cms.graphql.shape_limits import ShapeLimitRule

DOCUMENT_CACHE_SIZE = 256
MAX_VALIDATION_ERRORS = 20


def current_limits() -> tuple:
    return (
        settings.GRAPHQL_MAX_DEPTH,
        settings.GRAPHQL_MAX_TOKENS,
        settings.GRAPHQL_MAX_ALIASES,
        settings.GRAPHQL_MAX_COST,
        settings.GRAPHQL_LIST_COST_SIZE,
        settings.GRAPHQL_INTROSPECTION,
    )


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def checked_document(query: str, limits: tuple) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """The document and what validation found wrong with it; no document when the text does not parse.

    The spec's rules run first and alone: the project's limits walk fragments, which only a document with no
    undefined fragment and no fragment cycle can be walked by. `limits` is part of the key so a changed limit
    never serves a verdict reached under the old one.
    """
    _depth, max_tokens, *_, introspection = limits
    try:
        document = parse(query, max_tokens=max_tokens)
        errors = validate(schema.graphql_schema, document, specified_rules, max_errors=MAX_VALIDATION_ERRORS)
        if errors:
            return document, tuple(errors)
        rules = [ShapeLimitRule, AliasLimitRule, OneMutationFieldRule]
        if not introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        return document, tuple(validate(schema.graphql_schema, document, rules, max_errors=MAX_VALIDATION_ERRORS))
    except GraphQLError as error:
        return None, (error,)
