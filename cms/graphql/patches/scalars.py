"""grapple's custom scalars, read as the GraphQL spec reads built-in ones."""

from __future__ import annotations

from typing import Any

from graphene import Int
from graphql import Undefined
from grapple.types.structures import PositiveInt


def refuse_unreadable_positive_ints(query_mixins: list) -> None:
    """`limit: "ten"` or `limit: -1` gets the spec's "Expected value of type 'PositiveInt'" error.

    grapple's PositiveInt compares whatever it was given with 0, so a string crashed validation.
    """

    def parse_literal(ast: Any, _variables: Any = None) -> Any:
        value = Int.parse_literal(ast, _variables)
        return value if isinstance(value, int) and value >= 0 else Undefined

    PositiveInt.parse_literal = staticmethod(parse_literal)
